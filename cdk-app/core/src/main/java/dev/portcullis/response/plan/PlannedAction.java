package dev.portcullis.response.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.portcullis.response.config.Backend;
import dev.portcullis.response.net.IpAddress;

import java.time.Instant;

/**
 * One thing the response stack may do. Serialized with a {@code type} property holding the {@link ActionType}
 * wire name ({@code {"type": "block-ip", "ip": ..., "enforcer": ..., "expiresAt": ...}}), so plans travel between
 * Step Functions states and print in {@code portcullis replay} in one shape. Optional fields are omitted when null.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PlannedAction.BlockIp.class, name = "block-ip"),
        @JsonSubTypes.Type(value = PlannedAction.UnblockIp.class, name = "unblock-ip"),
        @JsonSubTypes.Type(value = PlannedAction.QuarantineInstance.class, name = "quarantine-instance"),
        @JsonSubTypes.Type(value = PlannedAction.SnapshotVolume.class, name = "snapshot-volume"),
        @JsonSubTypes.Type(value = PlannedAction.IsolateInstance.class, name = "isolate-instance"),
        @JsonSubTypes.Type(value = PlannedAction.TerminateInstance.class, name = "terminate-instance"),
        @JsonSubTypes.Type(value = PlannedAction.RevokeIngress.class, name = "revoke-ingress"),
        @JsonSubTypes.Type(value = PlannedAction.RestorePublicAccessBlock.class, name = "restore-public-access-block"),
        @JsonSubTypes.Type(value = PlannedAction.DeleteFunctionUrl.class, name = "delete-function-url"),
        @JsonSubTypes.Type(value = PlannedAction.Notify.class, name = "notify"),
        @JsonSubTypes.Type(value = PlannedAction.UpdateFinding.class, name = "update-finding"),
        @JsonSubTypes.Type(value = PlannedAction.ReleaseInstance.class, name = "release-instance")})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface PlannedAction {

    @JsonIgnore
    ActionType actionType();

    /**
     * Block {@code ip} at {@code enforcer} until {@code expiresAt}.
     *
     * @param instanceId the attacked instance, which the NACL backend needs to find its subnet's ACL; may be null
     * @param subnetIds  the attacked instance's subnets when the finding names them (NACL backend); may be empty
     */
    record BlockIp(IpAddress ip, Backend enforcer, Instant expiresAt, String findingId, String findingType,
                   double severity, String instanceId, java.util.List<String> subnetIds) implements PlannedAction {
        public BlockIp {
            subnetIds = subnetIds == null ? java.util.List.of() : java.util.List.copyOf(subnetIds);
        }

        @Override
        public ActionType actionType() {
            return ActionType.BLOCK_IP;
        }
    }

    /** Remove the block of {@code ip} at {@code enforcer} (expiry, eviction or drift repair). */
    record UnblockIp(IpAddress ip, Backend enforcer, String reason) implements PlannedAction {
        @Override
        public ActionType actionType() {
            return ActionType.UNBLOCK_IP;
        }
    }

    /**
     * Quarantine an instance (Security Hub custom action): detach it from {@code autoScalingGroup} and deregister it
     * from {@code targetGroupArns} first (so nothing replaces it as unhealthy and destroys the evidence), record
     * {@code groupsByInterface} in tags, move every interface into the VPC's isolation group, tag it quarantined.
     * {@code vpcId} is null and the lists empty when the instance was not looked up (replay).
     */
    record QuarantineInstance(String instanceId, String vpcId, java.util.Map<String, java.util.List<String>> groupsByInterface,
                              String autoScalingGroup, java.util.List<String> targetGroupArns, String findingId,
                              String reason) implements PlannedAction {
        public QuarantineInstance {
            groupsByInterface = groupsByInterface == null ? java.util.Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(groupsByInterface));
            targetGroupArns = targetGroupArns == null ? java.util.List.of() : java.util.List.copyOf(targetGroupArns);
        }

        @Override
        public ActionType actionType() {
            return ActionType.QUARANTINE_INSTANCE;
        }
    }

    /** Snapshot a volume for forensics before anything else changes it. */
    record SnapshotVolume(String volumeId, String instanceId, String reason) implements PlannedAction {
        @Override
        public ActionType actionType() {
            return ActionType.SNAPSHOT_VOLUME;
        }
    }

    /**
     * Cut an instance off the network while keeping it running (flow-log kill switch): the same steps as
     * {@link QuarantineInstance}, so Release undoes either.
     */
    record IsolateInstance(String instanceId, String vpcId, java.util.Map<String, java.util.List<String>> groupsByInterface,
                           String autoScalingGroup, java.util.List<String> targetGroupArns, String findingId,
                           String reason) implements PlannedAction {
        public IsolateInstance {
            groupsByInterface = groupsByInterface == null ? java.util.Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(groupsByInterface));
            targetGroupArns = targetGroupArns == null ? java.util.List.of() : java.util.List.copyOf(targetGroupArns);
        }

        @Override
        public ActionType actionType() {
            return ActionType.ISOLATE_INSTANCE;
        }
    }

    /** Terminate an instance. */
    record TerminateInstance(String instanceId, String reason) implements PlannedAction {
        @Override
        public ActionType actionType() {
            return ActionType.TERMINATE_INSTANCE;
        }
    }

    /**
     * Revoke exactly one ingress permission of {@code securityGroupId}: protocol, port range and the one source
     * range {@code cidr} (IPv4 or IPv6), as the audit found it open; never the group's other permissions.
     *
     * @param securityGroupRuleId the rule's id when the change event named it (revoked by id then), else null
     * @param fromPort            null with protocol -1 (all traffic)
     * @param rules               the catalog rules the permission violates
     * @param changedBy           who made the change (the CloudTrail {@code userIdentity} ARN)
     */
    record RevokeIngress(String securityGroupId, String securityGroupRuleId, String ipProtocol, Integer fromPort,
                         Integer toPort, String cidr, java.util.List<String> rules, String changedBy, String reason)
            implements PlannedAction {
        public RevokeIngress {
            rules = rules == null ? java.util.List.of() : java.util.List.copyOf(rules);
        }

        @Override
        public ActionType actionType() {
            return ActionType.REVOKE_INGRESS;
        }
    }

    /** Turn all four Block Public Access settings of {@code bucket} back on ({@code PutPublicAccessBlock}). */
    record RestorePublicAccessBlock(String bucket, java.util.List<String> rules, String changedBy, String reason)
            implements PlannedAction {
        public RestorePublicAccessBlock {
            rules = rules == null ? java.util.List.of() : java.util.List.copyOf(rules);
        }

        @Override
        public ActionType actionType() {
            return ActionType.RESTORE_PUBLIC_ACCESS_BLOCK;
        }
    }

    /**
     * Delete the URL of {@code functionName} ({@code DeleteFunctionUrlConfig}); {@code qualifier} is the alias the
     * URL belongs to, or null for the unqualified function.
     */
    record DeleteFunctionUrl(String functionName, String qualifier, java.util.List<String> rules, String changedBy,
                             String reason) implements PlannedAction {
        public DeleteFunctionUrl {
            rules = rules == null ? java.util.List.of() : java.util.List.copyOf(rules);
        }

        @Override
        public ActionType actionType() {
            return ActionType.DELETE_FUNCTION_URL;
        }
    }

    /** Tell people: what was (or in dry-run would be) blocked, why, until when. */
    record Notify(String subject, String message) implements PlannedAction {
        @Override
        public ActionType actionType() {
            return ActionType.NOTIFY;
        }
    }

    /**
     * Record the response on a Security Hub finding ({@code BatchUpdateFindings}: Note and Workflow status).
     * {@code updatedBy} is how our own re-imported update is recognised and ignored.
     */
    record UpdateFinding(String findingId, String productArn, String note, String updatedBy, String workflowStatus)
            implements PlannedAction {
        @Override
        public ActionType actionType() {
            return ActionType.UPDATE_FINDING;
        }
    }

    /**
     * Undo a quarantine or isolation (Security Hub custom action "Release"): give each interface back the groups
     * recorded in its tags, then remove our tags. {@code restoreGroups} is empty when not looked up (replay).
     */
    record ReleaseInstance(String instanceId, java.util.Map<String, java.util.List<String>> restoreGroups,
                           String findingId, String reason) implements PlannedAction {
        public ReleaseInstance {
            restoreGroups = restoreGroups == null ? java.util.Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(restoreGroups));
        }

        @Override
        public ActionType actionType() {
            return ActionType.RELEASE_INSTANCE;
        }
    }
}
