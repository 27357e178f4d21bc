package dev.portcullis.response.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.ArrayList;
import java.util.List;

/**
 * What the decision wants done for one event, and what it left alone with reasons. In dry-run the actions are still
 * listed (they are what would happen) and {@code dryRun} tells executors to record and notify but enforce nothing.
 */
@JsonPropertyOrder({"dryRun", "actions", "skipped"})
public record Plan(boolean dryRun, List<PlannedAction> actions, List<Skip> skipped) {

    public Plan {
        actions = List.copyOf(actions);
        skipped = List.copyOf(skipped);
    }

    public static Plan empty(boolean dryRun) {
        return new Plan(dryRun, List.of(), List.of());
    }

    public static Plan skippedOnly(boolean dryRun, List<Skip> skipped) {
        return new Plan(dryRun, List.of(), skipped);
    }

    /** The block-ip actions, in plan order. */
    @JsonIgnore
    public List<PlannedAction.BlockIp> blocks() {
        return actions.stream()
                .filter(PlannedAction.BlockIp.class::isInstance)
                .map(PlannedAction.BlockIp.class::cast)
                .toList();
    }

    public <T extends PlannedAction> List<T> actionsOf(Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public Plan plus(Plan other) {
        List<PlannedAction> allActions = new ArrayList<>(actions);
        allActions.addAll(other.actions);
        List<Skip> allSkips = new ArrayList<>(skipped);
        allSkips.addAll(other.skipped);
        return new Plan(dryRun || other.dryRun, allActions, allSkips);
    }
}
