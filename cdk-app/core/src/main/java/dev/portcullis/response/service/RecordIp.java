package dev.portcullis.response.service;

import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.PlannedAction;
import dev.portcullis.response.plan.Skip;
import dev.portcullis.response.plan.SkipReason;
import dev.portcullis.response.port.BlockRecord;
import dev.portcullis.response.port.Blocklist;
import dev.portcullis.response.port.EnforcementPoint;
import dev.portcullis.response.port.EnforcementPoints;
import dev.portcullis.response.port.Enforcers;
import dev.portcullis.response.port.FindingStatus;
import dev.portcullis.response.port.Notifier;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record-ip workflow over the ports: store → enforce → notify → mark the finding. The state machine runs the
 * steps as separate tasks ({@link StoreBlocks}, {@link EnforceBlocks}); this runs them in one go for a single
 * worker, for tests and for the load test. Duplicates are stored once and notified once. Records already present are
 * still enforced (a no-op when they are), so a run that died between store and enforce is repaired by its retry.
 * In dry-run nothing is enforced and nothing is written to Security Hub; records and notifications still happen.
 */
public final class RecordIp {

    private final Blocklist blocklist;
    private final StoreBlocks store;
    private final EnforceBlocks enforce;
    private final Enforcers enforcers;
    private final Notifier notifier;
    private final FindingStatus findingStatus;

    public RecordIp(Blocklist blocklist, EnforcementPoints points, Enforcers enforcers, Notifier notifier,
                    FindingStatus findingStatus, Clock clock) {
        this.blocklist = blocklist;
        this.store = new StoreBlocks(blocklist, points, clock);
        this.enforce = new EnforceBlocks(blocklist, notifier, clock);
        this.enforcers = enforcers;
        this.notifier = notifier;
        this.findingStatus = findingStatus;
    }

    public RecordResult run(Plan plan) {
        StoreOutcome stored = store.store(plan);
        List<Skip> skipped = new ArrayList<>(stored.unresolved());
        for (BlockRecord record : stored.alreadyBlocked()) {
            skipped.add(new Skip(record.ip().toString(), SkipReason.ALREADY_BLOCKED, record.ip() + " is already "
                    + "blocked at " + record.enforcementPoint() + " until " + record.expiresAt(), null));
        }
        List<EnforceOutcome> enforced = new ArrayList<>();
        if (!plan.dryRun()) {
            Map<String, List<IpAddress>> byPoint = new LinkedHashMap<>();
            for (BlockRecord record : concat(stored.added(), stored.alreadyBlocked())) {
                if (!record.dryRun()) {
                    byPoint.computeIfAbsent(record.enforcementPoint(), k -> new ArrayList<>()).add(record.ip());
                }
            }
            for (Map.Entry<String, List<IpAddress>> entry : byPoint.entrySet()) {
                enforced.add(enforce.enforce(enforcers.at(EnforcementPoint.parse(entry.getKey())), entry.getValue()));
            }
        }
        boolean notify = !stored.added().isEmpty();
        if (notify) {
            plan.actionsOf(PlannedAction.Notify.class).forEach(notifier::send);
        }
        List<PlannedAction.UpdateFinding> updates = plan.dryRun() ? List.of()
                : plan.actionsOf(PlannedAction.UpdateFinding.class);
        updates.forEach(findingStatus::markNotified);
        return new RecordResult(stored, enforced, notify, !updates.isEmpty(), skipped);
    }

    /** The blocklist this workflow writes to. */
    public Blocklist blocklist() {
        return blocklist;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
