package dev.portcullis.response.lambda.aws;

import dev.portcullis.response.instance.InstanceFacts;
import dev.portcullis.response.instance.InterfaceFacts;
import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.port.InstanceInventory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Instances and network interfaces as EC2, Auto Scaling and Elastic Load Balancing describe them. "Not found" errors
 * are an empty answer (the instance or interface is gone); any other error is thrown, so the caller retries or
 * reports rather than acting on half an answer.
 */
public final class Ec2InstanceInventory implements InstanceInventory {

    private final Ec2Client ec2;
    private final AutoScalingClient autoScaling;
    private final ElasticLoadBalancingV2Client loadBalancing;

    public Ec2InstanceInventory(Ec2Client ec2, AutoScalingClient autoScaling,
                                ElasticLoadBalancingV2Client loadBalancing) {
        this.ec2 = ec2;
        this.autoScaling = autoScaling;
        this.loadBalancing = loadBalancing;
    }

    @Override
    public Optional<InstanceFacts> instance(String instanceId) {
        Instance instance;
        try {
            instance = ec2.describeInstances(b -> b.instanceIds(instanceId)).reservations().stream()
                    .flatMap(r -> r.instances().stream()).findFirst().orElse(null);
        } catch (Ec2Exception e) {
            if (notFound(e, "InvalidInstanceID")) {
                return Optional.empty();
            }
            throw e;
        }
        if (instance == null) {
            return Optional.empty();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag tag : instance.tags()) {
            tags.put(tag.key(), tag.value());
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (InstanceNetworkInterface eni : instance.networkInterfaces()) {
            groups.put(eni.networkInterfaceId(), eni.groups().stream().map(g -> g.groupId()).toList());
        }
        List<String> volumes = instance.blockDeviceMappings().stream()
                .map(InstanceBlockDeviceMapping::ebs).filter(e -> e != null && e.volumeId() != null)
                .map(e -> e.volumeId()).toList();
        boolean gone = instance.state() != null && ("terminated".equals(instance.state().nameAsString())
                || "shutting-down".equals(instance.state().nameAsString()));
        Optional<String> group = gone ? Optional.empty() : autoScalingGroup(instanceId);
        List<String> targetGroups = gone || instance.vpcId() == null ? List.of()
                : targetGroups(instanceId, instance.vpcId());
        return Optional.of(new InstanceFacts(instanceId, instance.state() == null ? "unknown"
                : instance.state().nameAsString(), instance.vpcId(), tags, groups, volumes, group, targetGroups));
    }

    @Override
    public Optional<InterfaceFacts> networkInterface(String interfaceId) {
        NetworkInterface eni;
        try {
            eni = ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(interfaceId)).networkInterfaces().stream()
                    .findFirst().orElse(null);
        } catch (Ec2Exception e) {
            if (notFound(e, "InvalidNetworkInterfaceID")) {
                return Optional.empty();
            }
            throw e;
        }
        if (eni == null) {
            return Optional.empty();
        }
        Set<IpAddress> addresses = new HashSet<>();
        eni.privateIpAddresses().forEach(a -> IpAddress.parse(a.privateIpAddress()).ifPresent(addresses::add));
        IpAddress.parse(eni.privateIpAddress()).ifPresent(addresses::add);
        eni.ipv6Addresses().forEach(a -> IpAddress.parse(a.ipv6Address()).ifPresent(addresses::add));
        Optional<String> instance = eni.attachment() == null ? Optional.empty()
                : Optional.ofNullable(eni.attachment().instanceId());
        return Optional.of(new InterfaceFacts(interfaceId, instance, addresses, false));
    }

    private Optional<String> autoScalingGroup(String instanceId) {
        return autoScaling.describeAutoScalingInstances(b -> b.instanceIds(instanceId)).autoScalingInstances().stream()
                .map(AutoScalingInstanceDetails::autoScalingGroupName).findFirst();
    }

    /** Target groups of the VPC in which the instance is registered (any state but draining out). */
    private List<String> targetGroups(String instanceId, String vpcId) {
        List<String> out = new ArrayList<>();
        for (TargetGroup group : loadBalancing.describeTargetGroupsPaginator(b -> { }).targetGroups()) {
            if (!vpcId.equals(group.vpcId())) {
                continue;
            }
            List<TargetHealthDescription> targets = loadBalancing.describeTargetHealth(
                    b -> b.targetGroupArn(group.targetGroupArn())).targetHealthDescriptions();
            if (targets.stream().anyMatch(t -> instanceId.equals(t.target().id()))) {
                out.add(group.targetGroupArn());
            }
        }
        return out;
    }

    private static boolean notFound(Ec2Exception e, String prefix) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        return code != null && (code.equals(prefix + ".NotFound") || code.equals(prefix + ".Malformed"));
    }
}
