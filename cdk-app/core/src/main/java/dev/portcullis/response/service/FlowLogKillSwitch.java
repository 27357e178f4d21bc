package dev.portcullis.response.service;

import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.decision.FlowLogDecision;
import dev.portcullis.response.decision.FlowLogTrigger;
import dev.portcullis.response.flowlog.FlowLogRecords;
import dev.portcullis.response.flowlog.SubscriptionBatch;
import dev.portcullis.response.instance.InstanceFacts;
import dev.portcullis.response.instance.InterfaceFacts;
import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.Skip;
import dev.portcullis.response.plan.SkipReason;
import dev.portcullis.response.port.Blocklist;
import dev.portcullis.response.port.InstanceInventory;
import dev.portcullis.response.port.ResponseLedger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Plans the kill switch's response to one CloudWatch Logs delivery of flow-log records: reads the records, looks up
 * their interfaces, asks the blocklist about the remote addresses, finds the triggers, looks up the triggered
 * instances, claims the rate limit and decides. Without the look-up ports (replay) the plan is made from the records
 * alone and says what the deployed stack would look up; the rate limit is then not applied.
 */
public final class FlowLogKillSwitch {

    /** What the deployed function has; replay has none of them. */
    public record Lookups(InstanceInventory inventory, Blocklist blocklist, ResponseLedger ledger) {
    }

    private final ResponseConfig config;
    private final FlowLogDecision decision;
    private final Optional<Lookups> lookups;
    private final Clock clock;

    public FlowLogKillSwitch(ResponseConfig config, Optional<Lookups> lookups, Clock clock) {
        this.config = config;
        this.decision = new FlowLogDecision(config);
        this.lookups = lookups;
        this.clock = clock;
    }

    public Plan plan(SubscriptionBatch batch) {
        boolean dryRun = config.flowLogs().dryRun();
        if (!SubscriptionBatch.DATA_MESSAGE.equals(batch.messageType())) {
            return Plan.skippedOnly(dryRun, List.of(new Skip(null, SkipReason.UNSUPPORTED_EVENT, batch.messageType()
                    + " from CloudWatch Logs carries no records", null)));
        }
        List<FlowLogRecords.Line> lines = decision.read(batch.logEvents().stream()
                .map(SubscriptionBatch.LogEvent::message).toList());
        Map<String, Optional<InterfaceFacts>> interfaces = new LinkedHashMap<>();
        Predicate<IpAddress> blocked = ip -> false;
        if (lookups.isPresent()) {
            Lookups l = lookups.get();
            lines.forEach(line -> line.record().map(r -> r.interfaceId()).filter(id -> id != null)
                    .ifPresent(id -> interfaces.computeIfAbsent(id, l.inventory()::networkInterface)));
            Map<IpAddress, Boolean> answers = new HashMap<>();
            blocked = ip -> answers.computeIfAbsent(ip, a -> l.blocklist().recordsOf(a).stream()
                    .anyMatch(r -> !r.expiredAt(clock.instant())));
        }
        FlowLogDecision.Triage triage = decision.triggers(lines, interfaces, blocked);
        Map<String, Optional<InstanceFacts>> instances = new LinkedHashMap<>();
        Predicate<String> claimed = id -> true;
        if (lookups.isPresent()) {
            Lookups l = lookups.get();
            for (FlowLogTrigger trigger : triage.triggers()) {
                instances.computeIfAbsent(trigger.instanceId(), l.inventory()::instance);
            }
            claimed = id -> l.ledger().claim(id, clock.instant(), config.flowLogs().window(),
                    config.flowLogs().maxResponses());
        }
        Plan plan = decision.respond(triage.triggers(), instances, claimed);
        List<Skip> skipped = new ArrayList<>(triage.skipped());
        skipped.addAll(plan.skipped());
        return new Plan(plan.dryRun(), plan.actions(), skipped);
    }
}
