package dev.portcullis.response.lambda;

import dev.portcullis.response.finding.MalformedEventException;
import dev.portcullis.response.flowlog.SubscriptionBatch;
import dev.portcullis.response.flowlog.SubscriptionPayloads;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.Skip;
import dev.portcullis.response.plan.SkipReason;
import dev.portcullis.response.service.FlowLogKillSwitch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The flow-log kill switch: a CloudWatch Logs subscription delivery of flow-log records → triggers (REJECTs of
 * traffic an instance started, contact with blocked or known-bad addresses) → the configured response per instance,
 * within the guardrails (opt-in to termination, Auto Scaling members, rate limit, dry-run by default).
 */
public final class FlowLogHandler extends PlaybookHandler {

    public FlowLogHandler() {
        this(PlaybookSystemAdapters.INSTANCE);
    }

    public FlowLogHandler(Supplier<PlaybookAdapters> adapters) {
        super("flow-log", adapters);
    }

    @Override
    Plan plan(byte[] input, PlaybookAdapters adapters) {
        boolean dryRun = adapters.config().flowLogs().dryRun();
        SubscriptionBatch batch;
        try {
            batch = SubscriptionPayloads.decode(new String(input, StandardCharsets.UTF_8));
        } catch (MalformedEventException e) {
            return Plan.skippedOnly(dryRun, List.of(new Skip(null, SkipReason.MALFORMED_EVENT, e.getMessage(), null)));
        }
        if (adapters.ledger().isEmpty()) {
            throw new IllegalStateException(PlaybookAdapters.LEDGER_TABLE + " is not set: the kill switch does not "
                    + "act without its rate limit");
        }
        return new FlowLogKillSwitch(adapters.config(), Optional.of(new FlowLogKillSwitch.Lookups(
                adapters.inventory(), adapters.blocklist(), adapters.ledger().get())), adapters.clock()).plan(batch);
    }
}
