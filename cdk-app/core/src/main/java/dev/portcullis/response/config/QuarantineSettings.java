package dev.portcullis.response.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.response.net.Cidr;

import java.util.List;

/**
 * How an instance is quarantined (Security Hub custom action "Quarantine") and isolated (flow-log kill switch): the
 * per-VPC isolation security group allows inbound SSH only from {@code operatorSshCidrs} and outbound HTTPS only to
 * {@code egressHttpsCidrs} (e.g. the subnets of the VPC's SSM interface endpoints); both default to nothing, so an
 * isolated instance talks to nobody unless the configuration says so.
 *
 * @param detachFromAutoScaling detach the instance from its Auto Scaling group first (without lowering the desired
 *                              capacity, so the group launches a replacement), so that the group does not terminate
 *                              the isolated instance as unhealthy and destroy the evidence
 * @param deregisterTargets     deregister the instance from every target group of its VPC it is registered in
 * @param snapshotVolumes       snapshot every EBS volume on quarantine, tagged for forensics
 * @param dryRun                decide and notify only; false by default, because a person chose to click Quarantine
 */
public record QuarantineSettings(
        List<Cidr> operatorSshCidrs,
        List<Cidr> egressHttpsCidrs,
        boolean detachFromAutoScaling,
        boolean deregisterTargets,
        boolean snapshotVolumes,
        boolean dryRun) {

    static final List<String> KEYS = List.of("operator-ssh-cidrs", "egress-https-cidrs", "detach-from-auto-scaling",
            "deregister-targets", "snapshot-volumes", "dry-run");

    public QuarantineSettings {
        operatorSshCidrs = List.copyOf(operatorSshCidrs);
        egressHttpsCidrs = List.copyOf(egressHttpsCidrs);
    }

    public static QuarantineSettings defaults() {
        return new QuarantineSettings(List.of(), List.of(), true, true, true, false);
    }

    /** Writes this section in the configuration file format. */
    void writeTo(ObjectNode section) {
        ArrayNode ssh = section.putArray("operator-ssh-cidrs");
        operatorSshCidrs.forEach(c -> ssh.add(c.toString()));
        ArrayNode https = section.putArray("egress-https-cidrs");
        egressHttpsCidrs.forEach(c -> https.add(c.toString()));
        section.put("detach-from-auto-scaling", detachFromAutoScaling);
        section.put("deregister-targets", deregisterTargets);
        section.put("snapshot-volumes", snapshotVolumes);
        section.put("dry-run", dryRun);
    }
}
