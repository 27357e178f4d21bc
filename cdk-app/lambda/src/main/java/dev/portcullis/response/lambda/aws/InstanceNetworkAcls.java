package dev.portcullis.response.lambda.aws;

import dev.portcullis.response.config.Backend;
import dev.portcullis.response.plan.PlannedAction.BlockIp;
import dev.portcullis.response.port.EnforcementPoint;
import dev.portcullis.response.port.EnforcementPoints;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * Resolves where a block-ip action is enforced. Network Firewall and WAF have one point each (the configured rule
 * group, the IP sets). A NACL block goes to the ACL associated with the attacked instance's subnet, looked up through
 * EC2: the subnet named in the finding if any, else the instance's own subnet. Never the VPC's first or default ACL,
 * which may not even be the one the instance's traffic passes. Lookups are cached for the life of the function.
 */
public final class InstanceNetworkAcls implements EnforcementPoints {
    private final Ec2Client ec2;
    private final Map<String, Optional<String>> aclBySubnet = new ConcurrentHashMap<>();

    public InstanceNetworkAcls(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public Optional<EnforcementPoint> resolve(BlockIp block) {
        if (block.enforcer() != Backend.NACL) {
            return Optional.of(EnforcementPoint.of(block.enforcer()));
        }
        Optional<String> subnet = block.subnetIds().stream().findFirst()
                .or(() -> Optional.ofNullable(block.instanceId()).flatMap(this::subnetOf));
        return subnet.flatMap(this::aclOf).map(acl -> new EnforcementPoint(Backend.NACL, acl));
    }

    private Optional<String> subnetOf(String instanceId) {
        return ec2.describeInstances(b -> b.instanceIds(instanceId)).reservations().stream()
                .flatMap(r -> r.instances().stream())
                .map(Instance::subnetId)
                .filter(s -> s != null && !s.isEmpty())
                .findFirst();
    }

    private Optional<String> aclOf(String subnetId) {
        return aclBySubnet.computeIfAbsent(subnetId, id -> ec2.describeNetworkAcls(b -> b.filters(
                        Filter.builder().name("association.subnet-id").values(id).build()))
                .networkAcls().stream().findFirst().map(acl -> acl.networkAclId()));
    }
}
