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
import java.util.List;
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

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<EventPattern> patterns;

    private EventPatterns(List<EventPattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    public static EventPatterns from(ResponseConfig config) {
        List<EventPattern> patterns = new ArrayList<>();
        if (config.acts(FindingSource.GUARDDUTY)) {
            patterns.add(guardDuty(config));
        }
        if (config.acts(FindingSource.SECURITY_HUB)) {
            patterns.add(securityHub(config));
        }
        return new EventPatterns(patterns);
    }

    /** Every rule's pattern, GuardDuty first. */
    public List<EventPattern> all() {
        return patterns;
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
