package dev.portcullis.response.finding;

import java.util.List;
import java.util.Optional;

/**
 * One finding, whichever format it arrived in (GuardDuty EventBridge camelCase or Security Hub ASFF PascalCase).
 *
 * @param id           GuardDuty finding id, or the ASFF {@code Id}
 * @param type         GuardDuty finding type, e.g. {@code Recon:EC2/PortProbeUnprotectedPort} (ASFF types converted)
 * @param remoteIps    every remote IP of the finding, in event order, possibly invalid or repeated
 * @param instanceId   the affected EC2 instance, when the finding names one
 * @param subnetIds    subnets of the affected instance's network interfaces (for NACL enforcement)
 * @param securityHub  present for ASFF findings only
 */
public record SecurityFinding(
        FindingSource source,
        String id,
        String type,
        String title,
        String accountId,
        String region,
        FindingSeverity severity,
        ResourceRole resourceRole,
        boolean archived,
        List<RemoteIp> remoteIps,
        Optional<String> instanceId,
        List<String> subnetIds,
        Optional<SecurityHubState> securityHub) {

    public SecurityFinding {
        remoteIps = List.copyOf(remoteIps);
        subnetIds = List.copyOf(subnetIds);
    }
}
