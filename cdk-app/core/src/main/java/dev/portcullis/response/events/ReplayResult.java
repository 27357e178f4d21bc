package dev.portcullis.response.events;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.portcullis.response.plan.PlannedAction;
import dev.portcullis.response.plan.Skip;

import java.util.List;

/**
 * What {@code portcullis replay} prints: the stack's rules the event matched, the actions the decision plans (never
 * executed by replay) and everything skipped with its reason.
 */
@JsonPropertyOrder({"matchedRules", "actions", "skipped"})
public record ReplayResult(List<String> matchedRules, List<PlannedAction> actions, List<Skip> skipped) {

    public ReplayResult {
        matchedRules = List.copyOf(matchedRules);
        actions = List.copyOf(actions);
        skipped = List.copyOf(skipped);
    }
}
