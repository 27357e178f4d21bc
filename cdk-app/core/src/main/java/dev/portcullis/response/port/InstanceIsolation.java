package dev.portcullis.response.port;

import java.util.List;
import java.util.Map;

/** What the quarantine, release and kill-switch responses change on an instance (EC2, Auto Scaling, ELB in AWS). */
public interface InstanceIsolation {

    /**
     * The isolation security group of the VPC, created when missing and brought back to the configured rules when
     * found changed; its id.
     */
    String isolationGroup(String vpcId);

    /** Replaces the security groups of one network interface. */
    void replaceGroups(String interfaceId, List<String> groupIds);

    void tag(String instanceId, Map<String, String> tags);

    void untag(String instanceId, List<String> keys);

    /** Starts a snapshot of the volume with the tags given; the snapshot id. */
    String snapshot(String volumeId, String description, Map<String, String> tags);

    /** Detaches without lowering the desired capacity, so the group replaces the instance. */
    void detachFromAutoScalingGroup(String instanceId, String autoScalingGroup);

    void deregisterTarget(String targetGroupArn, String instanceId);

    void terminate(String instanceId);
}
