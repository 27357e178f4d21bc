package dev.portcullis.response.service;

import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.PlannedAction.BlockIp;
import dev.portcullis.response.plan.Skip;
import dev.portcullis.response.plan.SkipReason;
import dev.portcullis.response.port.BlockRecord;
import dev.portcullis.response.port.Blocklist;
import dev.portcullis.response.port.EnforcementPoint;
import dev.portcullis.response.port.EnforcementPoints;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The "store" step of record-ip: writes one blocklist record per block-ip action with a conditional put, so a
 * repeated finding, the same finding through Security Hub, or a retried execution stores nothing twice.
 */
public final class StoreBlocks {

    private final Blocklist blocklist;
    private final EnforcementPoints points;
    private final Clock clock;

    public StoreBlocks(Blocklist blocklist, EnforcementPoints points, Clock clock) {
        this.blocklist = blocklist;
        this.points = points;
        this.clock = clock;
    }

    public StoreOutcome store(Plan plan) {
        Instant now = clock.instant();
        List<BlockRecord> added = new ArrayList<>();
        List<BlockRecord> existing = new ArrayList<>();
        List<Skip> unresolved = new ArrayList<>();
        for (BlockIp block : plan.blocks()) {
            Optional<EnforcementPoint> point = points.resolve(block);
            if (point.isEmpty()) {
                unresolved.add(new Skip(block.ip().toString(), SkipReason.NO_ENFORCEMENT_POINT, "no " + block.enforcer().wireName()
                        + " enforcement point for this finding" + (block.instanceId() == null
                        ? " (it names no instance)" : " (instance " + block.instanceId() + ")"), block.findingId()));
                continue;
            }
            BlockRecord record = new BlockRecord(block.ip(), point.get().key(), now, block.expiresAt(),
                    List.of(block.findingId()), plan.dryRun());
            if (blocklist.putIfAbsent(record)) {
                added.add(record);
            } else {
                existing.add(blocklist.get(block.ip(), point.get().key()).orElse(record));
            }
        }
        return new StoreOutcome(added, existing, unresolved);
    }
}
