package dev.portcullis.response.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.response.plan.PlannedAction.Notify;
import dev.portcullis.response.port.EnforcementPoint;
import dev.portcullis.response.port.Notifier;
import dev.portcullis.response.service.EnforceBlocks;
import dev.portcullis.response.service.EnforceOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * record-ip, step 3: the stored blocks ({@code $.stored.toEnforce}) → the enforcement points. Per point it reads the
 * current state and capacity, evicts the oldest blocks when full (and says so), then writes once.
 * <p>
 * Single writer: this function runs with reserved concurrency 1, so two workflows never read-modify-write the same
 * rule group, IP set or NACL at once, and eviction decisions are never made on a stale view. We chose that over an
 * SQS FIFO queue with one message group per point because findings arrive at human rates (a burst is tens, not
 * thousands per second), a throttled synchronous invocation is retried by Step Functions with backoff, and the
 * workflow keeps its synchronous result and catch path. The adapters do not rely on it alone: every write is
 * token-guarded (UpdateToken, LockToken) or conflict-checked (NACL rule numbers) and re-checks capacity on a fresh
 * read, so prune, reconcile, or two versions overlapping during a deployment cannot lose an update or overfill a
 * point either; the load test runs five unserialised writers to show it.
 */
public final class EnforceHandler extends StepHandler {
    public EnforceHandler() {
        this(SystemAdapters.INSTANCE);
    }

    public EnforceHandler(Supplier<ResponseAdapters> adapters) {
        super("enforce", adapters);
    }

    @Override
    JsonNode run(byte[] input, ResponseAdapters adapters, StepLog log) {
        StoreStep stored;
        try {
            stored = LENIENT.readValue(input, StoreStep.class);
        } catch (IOException | RuntimeException e) {
            return failed("the stored blocks are unreadable: " + e.getMessage(), false, log);
        }
        if (stored == null) {
            return failed("the input holds no stored blocks", false, log);
        }
        EnforceBlocks enforce = new EnforceBlocks(adapters.blocklist(), bestEffort(adapters.notifier(), log), adapters.clock());
        List<EnforceOutcome> outcomes = new ArrayList<>();
        List<EnforceStep.PointFailure> failures = new ArrayList<>();
        boolean retryable = false;
        for (StoreStep.PointAddresses target : stored.toEnforce()) {
            try {
                EnforcementPoint point = EnforcementPoint.parse(target.point());
                EnforceOutcome outcome = enforce.enforce(adapters.enforcers().at(point), target.ips());
                outcomes.add(outcome);
                log.info("enforced", Map.of("point", target.point(), "added", outcome.added().size(),
                        "present", outcome.present().size(), "evicted", outcome.evicted().size(),
                        "rejected", outcome.rejected().size()));
            } catch (RuntimeException e) {
                StepStatus status = StepStatus.of(e);
                retryable |= status.retryable();
                failures.add(new EnforceStep.PointFailure(target.point(), status.reason()));
                log.error("enforcing at " + target.point() + " failed", e);
            }
        }
        StepStatus status = failures.isEmpty() ? StepStatus.ok()
                : StepStatus.failed(failures.size() + " of " + stored.toEnforce().size() + " enforcement points failed", retryable);
        return status(tree(new EnforceStep(outcomes, failures)), status);
    }

    /** Evictions are announced, but a notification outage must not undo or fail an enforcement that happened. */
    static Notifier bestEffort(Notifier notifier, StepLog log) {
        return (Notify notice) -> {
            try {
                notifier.send(notice);
            } catch (RuntimeException e) {
                log.error("notification not delivered: " + notice.subject(), e);
            }
        };
    }
}
