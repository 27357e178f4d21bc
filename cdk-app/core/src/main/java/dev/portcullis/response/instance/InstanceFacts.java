package dev.portcullis.response.instance;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the response needs to know about an EC2 instance before it quarantines, isolates, releases or terminates it,
 * as looked up at run time ({@code InstanceInventory}).
 *
 * @param state          EC2 state name: pending, running, stopping, stopped, shutting-down, terminated
 * @param groupsByInterface security group ids of each network interface of the instance, by interface id
 * @param volumeIds      the instance's EBS volumes
 * @param autoScalingGroup the Auto Scaling group the instance belongs to, if any
 * @param targetGroupArns target groups (of the instance's VPC) the instance is registered in
 */
public record InstanceFacts(
        String instanceId,
        String state,
        String vpcId,
        Map<String, String> tags,
        Map<String, List<String>> groupsByInterface,
        List<String> volumeIds,
        Optional<String> autoScalingGroup,
        List<String> targetGroupArns) {

    public InstanceFacts {
        tags = Map.copyOf(tags);
        groupsByInterface = Map.copyOf(new java.util.TreeMap<>(groupsByInterface));
        volumeIds = List.copyOf(volumeIds);
        targetGroupArns = List.copyOf(targetGroupArns);
    }

    public boolean gone() {
        return "terminated".equals(state) || "shutting-down".equals(state);
    }

    public Optional<String> tag(String key) {
        return Optional.ofNullable(tags.get(key));
    }
}
