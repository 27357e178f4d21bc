package dev.portcullis.response.lambda.aws;

import dev.portcullis.response.config.QuarantineSettings;
import dev.portcullis.response.instance.QuarantineTags;
import dev.portcullis.response.net.Cidr;
import dev.portcullis.response.port.InstanceIsolation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Isolation, release, snapshots and termination on EC2, Auto Scaling and ELB. The isolation group of a VPC is found
 * by name ({@value #GROUP_NAME}) and, whether found or created, brought to exactly the configured rules: inbound TCP
 * 22 from each operator CIDR, outbound TCP 443 to each egress CIDR, nothing else (a new group's default allow-all
 * outbound rule is revoked). A rule someone added by hand to the isolation group is removed on the next use.
 */
public final class Ec2InstanceIsolation implements InstanceIsolation {

    public static final String GROUP_NAME = "portcullis-isolation";

    private final Ec2Client ec2;
    private final AutoScalingClient autoScaling;
    private final ElasticLoadBalancingV2Client loadBalancing;
    private final QuarantineSettings settings;

    public Ec2InstanceIsolation(Ec2Client ec2, AutoScalingClient autoScaling, ElasticLoadBalancingV2Client loadBalancing,
                                QuarantineSettings settings) {
        this.ec2 = ec2;
        this.autoScaling = autoScaling;
        this.loadBalancing = loadBalancing;
        this.settings = settings;
    }

    /** One rule as EC2 keeps it, for comparing what is with what should be. */
    private record Rule(String protocol, Integer from, Integer to, String cidr) {
        IpPermission permission() {
            IpPermission.Builder b = IpPermission.builder().ipProtocol(protocol).fromPort(from).toPort(to);
            return cidr.contains(":") ? b.ipv6Ranges(Ipv6Range.builder().cidrIpv6(cidr).build()).build()
                    : b.ipRanges(IpRange.builder().cidrIp(cidr).build()).build();
        }
    }

    @Override
    public String isolationGroup(String vpcId) {
        List<SecurityGroup> found = ec2.describeSecurityGroups(b -> b.filters(
                Filter.builder().name("vpc-id").values(vpcId).build(),
                Filter.builder().name("group-name").values(GROUP_NAME).build())).securityGroups();
        SecurityGroup group;
        if (found.isEmpty()) {
            String id;
            try {
                id = ec2.createSecurityGroup(b -> b.vpcId(vpcId).groupName(GROUP_NAME)
                        .description("Portcullis quarantine: no traffic except what the response configuration allows")
                        .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SECURITY_GROUP)
                                .tags(tag(QuarantineTags.ISOLATION_GROUP, "true"), tag("Name", GROUP_NAME)).build()))
                        .groupId();
            } catch (Ec2Exception e) {
                // Another invocation quarantining an instance of the same VPC created it first: use that one.
                if (e.awsErrorDetails() == null || !"InvalidGroup.Duplicate".equals(e.awsErrorDetails().errorCode())) {
                    throw e;
                }
                id = ec2.describeSecurityGroups(b -> b.filters(
                        Filter.builder().name("vpc-id").values(vpcId).build(),
                        Filter.builder().name("group-name").values(GROUP_NAME).build())).securityGroups().stream()
                        .findFirst().map(SecurityGroup::groupId).orElseThrow(() -> e);
            }
            String created = id;
            group = ec2.describeSecurityGroups(b -> b.groupIds(created)).securityGroups().get(0);
        } else {
            group = found.get(0);
        }
        reconcile(group);
        return group.groupId();
    }

    private void reconcile(SecurityGroup group) {
        Set<Rule> wantIn = rules(settings.operatorSshCidrs(), 22);
        Set<Rule> wantOut = rules(settings.egressHttpsCidrs(), 443);
        Set<Rule> haveIn = rules(group.ipPermissions());
        Set<Rule> haveOut = rules(group.ipPermissionsEgress());
        List<IpPermission> revokeIn = minus(haveIn, wantIn);
        List<IpPermission> revokeOut = minus(haveOut, wantOut);
        List<IpPermission> addIn = minus(wantIn, haveIn);
        List<IpPermission> addOut = minus(wantOut, haveOut);
        if (!revokeOut.isEmpty()) {
            ec2.revokeSecurityGroupEgress(b -> b.groupId(group.groupId()).ipPermissions(revokeOut));
        }
        if (!revokeIn.isEmpty()) {
            ec2.revokeSecurityGroupIngress(b -> b.groupId(group.groupId()).ipPermissions(revokeIn));
        }
        if (!addIn.isEmpty()) {
            ec2.authorizeSecurityGroupIngress(b -> b.groupId(group.groupId()).ipPermissions(addIn));
        }
        if (!addOut.isEmpty()) {
            ec2.authorizeSecurityGroupEgress(b -> b.groupId(group.groupId()).ipPermissions(addOut));
        }
    }

    private static Set<Rule> rules(List<Cidr> cidrs, int port) {
        Set<Rule> out = new HashSet<>();
        cidrs.forEach(c -> out.add(new Rule("tcp", port, port, c.toString())));
        return out;
    }

    /** Every rule as one (protocol, ports, CIDR); rules naming other groups or prefix lists are always removed. */
    private static Set<Rule> rules(List<IpPermission> permissions) {
        Set<Rule> out = new HashSet<>();
        for (IpPermission p : permissions) {
            boolean all = "-1".equals(p.ipProtocol());
            Integer from = all ? null : p.fromPort();
            Integer to = all ? null : p.toPort();
            p.ipRanges().forEach(r -> out.add(new Rule(p.ipProtocol(), from, to, normal(r.cidrIp()))));
            p.ipv6Ranges().forEach(r -> out.add(new Rule(p.ipProtocol(), from, to, normal(r.cidrIpv6()))));
            if (!p.userIdGroupPairs().isEmpty() || !p.prefixListIds().isEmpty()) {
                out.add(new Rule(p.ipProtocol(), from, to, "other:" + p.hashCode()));
            }
        }
        return out;
    }

    private static String normal(String cidr) {
        try {
            return Cidr.parse(cidr).toString();
        } catch (IllegalArgumentException e) {
            return cidr;
        }
    }

    private static List<IpPermission> minus(Set<Rule> from, Set<Rule> remove) {
        List<IpPermission> out = new ArrayList<>();
        for (Rule rule : from) {
            if (!remove.contains(rule) && !rule.cidr().startsWith("other:")) {
                out.add(rule.permission());
            }
        }
        return out;
    }

    @Override
    public void replaceGroups(String interfaceId, List<String> groupIds) {
        ec2.modifyNetworkInterfaceAttribute(b -> b.networkInterfaceId(interfaceId).groups(groupIds));
    }

    @Override
    public void tag(String instanceId, Map<String, String> tags) {
        if (!tags.isEmpty()) {
            ec2.createTags(b -> b.resources(instanceId).tags(tags.entrySet().stream()
                    .map(e -> tag(e.getKey(), e.getValue())).toList()));
        }
    }

    @Override
    public void untag(String instanceId, List<String> keys) {
        if (!keys.isEmpty()) {
            ec2.deleteTags(b -> b.resources(instanceId).tags(keys.stream().map(k -> Tag.builder().key(k).build())
                    .toList()));
        }
    }

    @Override
    public String snapshot(String volumeId, String description, Map<String, String> tags) {
        return ec2.createSnapshot(b -> b.volumeId(volumeId).description(description)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SNAPSHOT)
                        .tags(tags.entrySet().stream().map(e -> tag(e.getKey(), e.getValue())).toList()).build()))
                .snapshotId();
    }

    @Override
    public void detachFromAutoScalingGroup(String instanceId, String autoScalingGroup) {
        autoScaling.detachInstances(b -> b.autoScalingGroupName(autoScalingGroup).instanceIds(instanceId)
                .shouldDecrementDesiredCapacity(false));
    }

    @Override
    public void deregisterTarget(String targetGroupArn, String instanceId) {
        loadBalancing.deregisterTargets(b -> b.targetGroupArn(targetGroupArn)
                .targets(t -> t.id(instanceId)));
    }

    @Override
    public void terminate(String instanceId) {
        ec2.terminateInstances(b -> b.instanceIds(instanceId));
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
