package dev.portcullis.response.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.response.config.FindingTypePattern;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.finding.FindingEvents;
import dev.portcullis.response.finding.FindingSource;
import dev.portcullis.response.finding.SeverityLabel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The EventBridge patterns of the response stack, built from the configuration. The CDK stack creates its rules from
 * these and {@code portcullis replay} matches events against the same objects, so what replay says matches is what
 * the deployed rules match.
 *
 * <ul>
 *   <li><b>{@value #GUARDDUTY_RULE}</b>: GuardDuty findings at or above the threshold (a numeric match on
 *       {@code detail.severity}), of the selected types (exact or {@code prefix}), whose action carries a remote IP.</li>
 *   <li><b>{@value #SECURITY_HUB_RULE}</b>: Security Hub imports of GuardDuty findings, ACTIVE, workflow
 *       {@code NEW}, with a label that can reach the threshold. Our own update sets the workflow to NOTIFIED, so
 *       its re-import does not match: the stack cannot trigger itself. Finding types are not filtered here because
 *       ASFF type names differ from GuardDuty's; the decision filters them.</li>
 * </ul>
 */
public final class EventPatterns {

    public static final String GUARDDUTY_RULE = "guardduty-finding";
    public static final String SECURITY_HUB_RULE = "securityhub-guardduty-import";

    /** GuardDuty action types that carry a remote IP ({@code service.action.actionType}). */
    public static final List<String> IP_ACTION_TYPES = List.of("NETWORK_CONNECTION", "PORT_PROBE", "AWS_API_CALL",
            "KUBERNETES_API_CALL", "RDS_LOGIN_ATTEMPT");

    /** The rule that sends CloudTrail management events changing security posture to the audit function. */
    public static final String AUDIT_RULE = "cloudtrail-change";
    public static final String CLOUDTRAIL_DETAIL_TYPE = "AWS API Call via CloudTrail";

    /**
     * The management events the audit reviews, by CloudTrail {@code eventSource}. S3 records bucket-level Block
     * Public Access calls as {@code Put/DeleteBucketPublicAccessBlock}; the operation names
     * {@code Put/DeletePublicAccessBlock} are listed as well so either spelling reaches the audit. Lambda appends an
     * API version to some event names ({@code CreateFunctionUrlConfig20211031}), so Lambda names match as prefixes.
     */
    public static final Map<String, List<String>> AUDITED_CALLS = auditedCalls();

    private static final String LAMBDA_SOURCE = "lambda.amazonaws.com";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<EventPattern> patterns;
    private final EventPattern audit;

    private EventPatterns(List<EventPattern> patterns, EventPattern audit) {
        this.patterns = List.copyOf(patterns);
        this.audit = audit;
    }

    private static Map<String, List<String>> auditedCalls() {
        Map<String, List<String>> calls = new LinkedHashMap<>();
        calls.put("ec2.amazonaws.com", List.of("AuthorizeSecurityGroupIngress", "ModifySecurityGroupRules"));
        calls.put("s3.amazonaws.com", List.of("PutBucketPolicy", "PutBucketAcl", "PutBucketPublicAccessBlock",
                "DeleteBucketPublicAccessBlock", "PutPublicAccessBlock", "DeletePublicAccessBlock"));
        calls.put("iam.amazonaws.com", List.of("CreateAccessKey", "AttachUserPolicy", "PutUserPolicy"));
        calls.put("rds.amazonaws.com", List.of("ModifyDBInstance"));
        calls.put(LAMBDA_SOURCE, List.of("CreateFunctionUrlConfig"));
        return Collections.unmodifiableMap(calls);
    }

    /** The audited call an event's source and name stand for ({@code CreateFunctionUrlConfig20211031} → its base). */
    public static Optional<String> auditedCall(String eventSource, String eventName) {
        List<String> names = AUDITED_CALLS.get(eventSource);
        if (names == null || eventName == null) {
            return Optional.empty();
        }
        for (String name : names) {
            if (eventName.equals(name) || (LAMBDA_SOURCE.equals(eventSource) && eventName.startsWith(name)
                    && eventName.substring(name.length()).matches("[0-9A-Za-z]*"))) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    public static EventPatterns from(ResponseConfig config) {
        List<EventPattern> patterns = new ArrayList<>();
        if (config.acts(FindingSource.GUARDDUTY)) {
            patterns.add(guardDuty(config));
        }
        if (config.acts(FindingSource.SECURITY_HUB)) {
            patterns.add(securityHub(config));
        }
        return new EventPatterns(patterns, config.audit().enabled() ? auditPattern() : null);
    }

    /** Every finding rule's pattern (the rules that start record-ip), GuardDuty first. */
    public List<EventPattern> all() {
        return patterns;
    }

    /** The audit rule's pattern, when the audit is enabled; it targets the audit function, not record-ip. */
    public Optional<EventPattern> audit() {
        return Optional.ofNullable(audit);
    }

    /** Patterns holding only the audit rule (none when it is disabled), for matching CloudTrail events. */
    public EventPatterns auditOnly() {
        return new EventPatterns(audit == null ? List.of() : List.of(audit), audit);
    }

    /**
     * Successful calls from {@link #AUDITED_CALLS} as EventBridge delivers CloudTrail management events; a call that
     * failed ({@code errorCode} set) changed nothing and is not sent.
     */
    private static EventPattern auditPattern() {
        ObjectNode pattern = NODES.objectNode();
        pattern.set("source", strings(AUDITED_CALLS.keySet().stream()
                .map(s -> "aws." + s.substring(0, s.indexOf('.'))).toList()));
        pattern.set("detail-type", strings(CLOUDTRAIL_DETAIL_TYPE));
        ObjectNode detail = pattern.putObject("detail");
        detail.set("eventSource", strings(List.copyOf(AUDITED_CALLS.keySet())));
        ArrayNode names = detail.putArray("eventName");
        AUDITED_CALLS.forEach((source, calls) -> calls.forEach(call -> {
            if (LAMBDA_SOURCE.equals(source)) {
                names.addObject().put("prefix", call);
            } else {
                names.add(call);
            }
        }));
        detail.putArray("errorCode").addObject().put("exists", false);
        return new EventPattern(AUDIT_RULE, "CloudTrail management events that change security groups, bucket "
                + "access, IAM users, RDS instances or function URLs", pattern);
    }

    public Optional<EventPattern> named(String name) {
        return patterns.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static EventPattern guardDuty(ResponseConfig config) {
        ObjectNode pattern = NODES.objectNode();
        pattern.set("source", strings(FindingEvents.GUARDDUTY_SOURCE));
        pattern.set("detail-type", strings(FindingEvents.GUARDDUTY_DETAIL_TYPE));
        ObjectNode detail = pattern.putObject("detail");
        ArrayNode severity = detail.putArray("severity");
        severity.addObject().putArray("numeric").add(">=").add(config.minSeverity().score());
        if (!config.findingTypes().isEmpty()) {
            ArrayNode types = detail.putArray("type");
            for (FindingTypePattern type : config.findingTypes()) {
                if (type.isPrefix()) {
                    types.addObject().put("prefix", type.stem());
                } else {
                    types.add(type.text());
                }
            }
        }
        detail.putObject("service").putObject("action").set("actionType", strings(IP_ACTION_TYPES));
        return new EventPattern(GUARDDUTY_RULE, "GuardDuty findings at or above " + config.minSeverity()
                + " that carry a remote IP", pattern);
    }

    private static EventPattern securityHub(ResponseConfig config) {
        ObjectNode pattern = NODES.objectNode();
        pattern.set("source", strings(FindingEvents.SECURITY_HUB_SOURCE));
        pattern.set("detail-type", strings(FindingEvents.SECURITY_HUB_DETAIL_TYPE));
        ObjectNode findings = pattern.putObject("detail").putObject("findings");
        findings.set("ProductName", strings("GuardDuty"));
        findings.set("RecordState", strings("ACTIVE"));
        findings.putObject("Workflow").set("Status", strings("NEW"));
        findings.putObject("Severity").set("Label", strings(config.minSeverity().labelsAtOrAbove().stream()
                .map(SeverityLabel::name).toList()));
        findings.putObject("ProductFields").set("aws/guardduty/service/action/actionType",
                strings(IP_ACTION_TYPES));
        return new EventPattern(SECURITY_HUB_RULE, "Security Hub imports of GuardDuty findings at or above "
                + config.minSeverity() + ", excluding findings we already updated", pattern);
    }

    private static ArrayNode strings(String... values) {
        return strings(List.of(values));
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
