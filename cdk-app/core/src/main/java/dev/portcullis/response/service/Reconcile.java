package dev.portcullis.response.service;

import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.port.BlockRecord;
import dev.portcullis.response.port.Blocklist;
import dev.portcullis.response.port.Enforcer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Scheduled reconciliation of one enforcement point: the live, non-dry-run records are what should be enforced;
 * anything else enforced (hand edits, expired blocks not yet pruned, a write that half failed) is drift. When the
 * store holds more than the point's capacity, the newest records win and the oldest are evicted, as in record-ip.
 */
public final class Reconcile {

    private final Blocklist blocklist;
    private final Clock clock;

    public Reconcile(Blocklist blocklist, Clock clock) {
        this.blocklist = blocklist;
        this.clock = clock;
    }

    /** The pure comparison. */
    public static Drift diff(Set<IpAddress> desired, Set<IpAddress> enforced) {
        return Drift.between(desired, enforced);
    }

    /** Compares, and with {@code repair} writes the difference in one update. */
    public ReconcileReport run(Enforcer enforcer, boolean repair) {
        Instant now = clock.instant();
        List<BlockRecord> live = new ArrayList<>(blocklist.list(enforcer.point().key()).stream()
                .filter(r -> !r.dryRun() && !r.expiredAt(now))
                .sorted(Comparator.comparing(BlockRecord::createdAt).reversed().thenComparing(BlockRecord::ip))
                .toList());
        int capacity = enforcer.capacity();
        List<BlockRecord> overCapacity = live.size() > capacity
                ? List.copyOf(live.subList(capacity, live.size())) : List.of();
        Set<IpAddress> desired = new LinkedHashSet<>();
        live.subList(0, Math.min(capacity, live.size())).forEach(r -> desired.add(r.ip()));
        Drift drift = diff(desired, enforcer.current());
        List<IpAddress> evicted = new ArrayList<>();
        if (repair) {
            if (!drift.none()) {
                enforcer.update(drift.missing(), drift.extra());
            }
            for (BlockRecord record : overCapacity) {
                if (blocklist.remove(record)) {
                    evicted.add(record.ip());
                }
            }
        }
        return new ReconcileReport(enforcer.point(), drift, repair && !drift.none(), evicted);
    }
}
