package dev.portcullis.response.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.decision.QuarantineDecision;
import dev.portcullis.response.finding.CustomActionEvent;
import dev.portcullis.response.finding.CustomActionEvents;
import dev.portcullis.response.instance.InstanceFacts;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.Skip;
import dev.portcullis.response.port.InstanceInventory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Plans the response to a Security Hub custom action (Quarantine or Release): reads the event, looks up each instance
 * it names (when an inventory is given; replay has none, and the plan then says what would be looked up) and
 * decides. Never throws for bad input: a malformed event or finding becomes a skip with its reason.
 */
public final class QuarantineResponse {

    private final QuarantineDecision decision;
    private final Optional<InstanceInventory> inventory;

    public QuarantineResponse(ResponseConfig config, Optional<InstanceInventory> inventory) {
        this.decision = new QuarantineDecision(config);
        this.inventory = inventory;
    }

    public Plan plan(JsonNode event, boolean dryRun) {
        CustomActionEvents.Read read = CustomActionEvents.read(event);
        Plan problems = Plan.skippedOnly(dryRun, QuarantineDecision.problems(read.problems()));
        if (read.event().isEmpty()) {
            return problems;
        }
        CustomActionEvent parsed = read.event().get();
        Map<String, Optional<InstanceFacts>> facts = new LinkedHashMap<>();
        inventory.ifPresent(inv -> parsed.findings().forEach(f -> f.instanceIds()
                .forEach(id -> facts.computeIfAbsent(id, inv::instance))));
        Plan plan = decision.decide(parsed, facts);
        return new Plan(plan.dryRun(), plan.actions(), concat(problems, plan));
    }

    private static java.util.List<Skip> concat(Plan first, Plan second) {
        java.util.List<Skip> all = new java.util.ArrayList<>(first.skipped());
        all.addAll(second.skipped());
        return all;
    }
}
