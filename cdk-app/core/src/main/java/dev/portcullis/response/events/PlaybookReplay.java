package dev.portcullis.response.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.finding.CustomAction;
import dev.portcullis.response.finding.CustomActionEvents;
import dev.portcullis.response.finding.MalformedEventException;
import dev.portcullis.response.flowlog.SubscriptionBatch;
import dev.portcullis.response.flowlog.SubscriptionPayloads;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.Skip;
import dev.portcullis.response.plan.SkipReason;
import dev.portcullis.response.service.FlowLogKillSwitch;
import dev.portcullis.response.service.QuarantineResponse;
import software.amazon.event.ruler.Machine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replay of the instance playbooks, chosen by the shape of the input: a Security Hub custom-action event (Quarantine,
 * Release) or a CloudWatch Logs subscription payload of flow-log records ({@code awslogs} or already decoded). Plans
 * are made from what the input holds: without AWS there are no instances, volumes, tags or blocklist to look up, and
 * the plan says what the stack would look up. Nothing is ever done: a plan is only printed. A custom action is planned
 * with the quarantine settings as configured (acting at once by default, since a person asked for it), so the plan
 * shows everything the stack would do, marking the findings NOTIFIED included; the kill switch, which acts without
 * anyone asking, is planned as a dry run.
 */
final class PlaybookReplay {

    private PlaybookReplay() {
    }

    /** The replay of a playbook input; empty when the input is neither kind. */
    static Optional<ReplayResult> run(JsonNode input, ResponseConfig config, Instant now)
            throws MalformedEventException {
        if (CustomActionEvents.isCustomAction(input)) {
            return Optional.of(customAction(input, config));
        }
        ResponseConfig dryRun = config.withEverythingDryRun();
        if (SubscriptionPayloads.looksLikePayload(input)) {
            SubscriptionBatch batch = SubscriptionPayloads.decode(input);
            Plan plan = new FlowLogKillSwitch(dryRun, Optional.empty(), Clock.fixed(now, ZoneOffset.UTC)).plan(batch);
            return Optional.of(new ReplayResult(List.of(PlaybookPatterns.FLOW_LOG_SUBSCRIPTION), plan.actions(),
                    plan.skipped()));
        }
        return Optional.empty();
    }

    private static ReplayResult customAction(JsonNode input, ResponseConfig config) throws MalformedEventException {
        CustomActionEvents.Read read = CustomActionEvents.read(input);
        if (!read.problems().isEmpty()) {
            throw new MalformedEventException(read.problems());
        }
        String account = input.path("account").asText("");
        String region = input.path("region").asText("");
        List<String> matched = new ArrayList<>();
        Machine machine = Machine.builder().build();
        for (CustomAction action : CustomAction.values()) {
            EventPattern pattern = PlaybookPatterns.customAction(action, action.arn(partition(region), region,
                    account));
            try {
                machine.addRule(pattern.name(), pattern.json());
            } catch (Exception e) {
                throw new IllegalStateException("event-ruler refused pattern " + pattern.name() + ": " + e, e);
            }
        }
        List<String> hits = machine.rulesForJSONEvent(input);
        for (CustomAction action : CustomAction.values()) {
            if (hits.contains(PlaybookPatterns.ruleName(action))) {
                matched.add(PlaybookPatterns.ruleName(action));
            }
        }
        Plan plan = new QuarantineResponse(config, Optional.empty()).plan(input, true);
        if (!matched.isEmpty()) {
            return new ReplayResult(matched, plan.actions(), plan.skipped());
        }
        List<Skip> skipped = new ArrayList<>();
        skipped.add(new Skip(null, SkipReason.NO_RULE_MATCHED, "no rule of the stack matches this custom action "
                + "(rules: " + PlaybookPatterns.QUARANTINE_RULE + ", " + PlaybookPatterns.RELEASE_RULE
                + " on the stack's own action targets in " + account + " " + region + ")", null));
        skipped.addAll(plan.skipped());
        return new ReplayResult(List.of(), List.of(), skipped);
    }

    private static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }
}
