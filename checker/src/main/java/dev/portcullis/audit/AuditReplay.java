package dev.portcullis.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.portcullis.gate.Gate;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.events.EventMatcher;
import dev.portcullis.response.events.EventPattern;
import dev.portcullis.response.events.EventPatterns;
import dev.portcullis.response.events.ReplayResult;
import dev.portcullis.response.finding.MalformedEventException;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.PlannedAction;
import dev.portcullis.response.plan.Skip;
import dev.portcullis.response.plan.SkipReason;

/**
 * {@code portcullis replay} for CloudTrail change events: matched against the stack's own audit rule pattern (with
 * event-ruler), then audited by the same {@link ChangeAudit} the Lambda runs, with no live resource to read: the
 * change is evaluated as the event's request parameters describe it. Always a dry run.
 */
public final class AuditReplay {

    private final ResponseConfig config;
    private final EventPatterns patterns;
    private final EventMatcher matcher;
    private final ChangeAudit audit;

    public AuditReplay(ResponseConfig config, Gate gate) {
        this.config = config.withDryRun(true);
        this.patterns = EventPatterns.from(this.config).auditOnly();
        this.matcher = new EventMatcher(patterns);
        this.audit = new ChangeAudit(this.config, gate, List.of());
    }

    public ResponseConfig config() {
        return config;
    }

    /** Throws with every reason when the event is malformed (the CLI's exit 3). */
    public ReplayResult run(String eventJson) throws MalformedEventException {
        JsonNode event = CloudTrailEvents.tree(eventJson);
        Plan plan = audit.plan(event, Optional.empty());
        List<String> matched = matcher.matchingRules(event);
        if (!matched.isEmpty()) {
            return new ReplayResult(matched, plan.actions(), plan.skipped());
        }
        String rules = patterns.all().isEmpty() ? "the audit is disabled (audit.enabled: false)"
                : "no rule of the stack matches this event (rules: " + String.join(", ",
                patterns.all().stream().map(EventPattern::name).toList()) + ")";
        List<Skip> skipped = new ArrayList<>();
        skipped.add(new Skip(null, SkipReason.NO_RULE_MATCHED, rules + ", so it would never reach the audit", null));
        skipped.addAll(plan.skipped());
        for (PlannedAction action : plan.actions()) {
            skipped.add(new Skip(null, SkipReason.NO_RULE_MATCHED, "would have planned " + action.actionType().wireName()
                    + " had it matched", null));
        }
        return new ReplayResult(List.of(), List.of(), skipped);
    }
}
