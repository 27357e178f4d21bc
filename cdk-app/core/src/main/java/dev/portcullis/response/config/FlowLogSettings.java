package dev.portcullis.response.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.response.flowlog.FlowLogFormat;
import dev.portcullis.response.net.Cidr;

import java.time.Duration;
import java.util.List;

/**
 * The flow-log kill switch: which flow-log record formats to read, what counts as a threat, what to do about it and
 * the guardrails around that.
 *
 * @param response                 what happens to an instance that triggered (default snapshot-and-isolate)
 * @param formats                  custom flow-log formats (AWS {@code LogFormat} strings) besides the default v2
 *                                 format and the stack's own; a record is read with the format of its field count
 * @param threatList               known-bad CIDRs: any contact with them triggers (besides the blocklist's addresses)
 * @param triggerOnInitiatedReject a REJECT of traffic the instance itself started triggers
 * @param maxResponses             at most this many instances are responded to per {@code window}, and each
 *                                 instance at most once per window
 * @param terminateAutoScalingMembers whether snapshot-and-terminate may terminate an Auto Scaling group member
 *                                 (default false: such an instance is isolated instead)
 * @param vpcIds                   VPCs whose flow logs the stack creates, into its flow-log log group
 * @param dryRun                   decide and notify only (default true)
 */
public record FlowLogSettings(
        FlowLogResponse response,
        List<FlowLogFormat> formats,
        List<Cidr> threatList,
        boolean triggerOnInitiatedReject,
        int maxResponses,
        Duration window,
        boolean terminateAutoScalingMembers,
        List<String> vpcIds,
        boolean dryRun) {

    static final List<String> KEYS = List.of("response", "formats", "threat-list", "trigger-on-initiated-reject",
            "rate-limit", "terminate-auto-scaling-members", "vpc-ids", "dry-run");
    static final List<String> RATE_LIMIT_KEYS = List.of("max-responses", "window-minutes");

    public FlowLogSettings {
        formats = List.copyOf(formats);
        threatList = List.copyOf(threatList);
        vpcIds = List.copyOf(vpcIds);
    }

    public static FlowLogSettings defaults() {
        return new FlowLogSettings(FlowLogResponse.SNAPSHOT_AND_ISOLATE, List.of(), List.of(), true, 5,
                Duration.ofMinutes(60), false, List.of(), true);
    }

    /** Every format a record may be in: the default v2 format, the stack's own, then the configured ones. */
    public List<FlowLogFormat> allFormats() {
        List<FlowLogFormat> all = new java.util.ArrayList<>(List.of(FlowLogFormat.DEFAULT, FlowLogFormat.PORTCULLIS));
        all.addAll(formats);
        return all;
    }

    /** Writes this section in the configuration file format. */
    void writeTo(ObjectNode section) {
        section.put("response", response.wireName());
        ArrayNode formatList = section.putArray("formats");
        formats.forEach(f -> formatList.add(f.text()));
        ArrayNode threats = section.putArray("threat-list");
        threatList.forEach(c -> threats.add(c.toString()));
        section.put("trigger-on-initiated-reject", triggerOnInitiatedReject);
        section.putObject("rate-limit").put("max-responses", maxResponses).put("window-minutes", window.toMinutes());
        section.put("terminate-auto-scaling-members", terminateAutoScalingMembers);
        ArrayNode vpcs = section.putArray("vpc-ids");
        vpcIds.forEach(vpcs::add);
        section.put("dry-run", dryRun);
    }
}
