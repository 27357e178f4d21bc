package dev.portcullis.response.service;

import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.port.BlockRecord;
import dev.portcullis.response.port.Blocklist;
import dev.portcullis.response.port.EnforcementPoint;
import dev.portcullis.response.port.Enforcers;
import dev.portcullis.response.port.Page;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The prune-ip workflow: lifts every expired block, page by page, not one per run. Per page, each enforcement point
 * gets one write for all its expired addresses; a record is removed only after its block was lifted, so a failed
 * write leaves the record for the next run instead of an orphan rule. Dry-run records are only removed.
 */
public final class PruneExpired {

    public static final int DEFAULT_PAGE_SIZE = 100;

    private final Blocklist blocklist;
    private final Enforcers enforcers;
    private final Clock clock;
    private final int pageSize;

    public PruneExpired(Blocklist blocklist, Enforcers enforcers, Clock clock, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive");
        }
        this.blocklist = blocklist;
        this.enforcers = enforcers;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    /** Prunes every page (the scheduled run). */
    public PruneResult run() {
        Instant now = clock.instant();
        List<BlockRecord> removed = new ArrayList<>();
        List<BlockRecord> failed = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        String cursor = null;
        do {
            PruneResult page = prunePage(now, cursor);
            removed.addAll(page.removed());
            failed.addAll(page.failed());
            errors.addAll(page.errors());
            cursor = page.next().orElse(null);
        } while (cursor != null);
        return new PruneResult(removed, failed, errors, Optional.empty());
    }

    /** Prunes one page, for a state machine that loops over pages itself. {@code cursor} is null at first. */
    public PruneResult prunePage(Instant now, String cursor) {
        Page<BlockRecord> page = blocklist.expired(now, cursor, pageSize);
        Map<String, List<BlockRecord>> byPoint = new LinkedHashMap<>();
        List<BlockRecord> removed = new ArrayList<>();
        List<BlockRecord> failed = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (BlockRecord record : page.items()) {
            if (!record.expiredAt(now)) {
                continue; // re-blocked since the page was read
            }
            if (record.dryRun()) {
                if (blocklist.remove(record)) {
                    removed.add(record);
                }
            } else {
                byPoint.computeIfAbsent(record.enforcementPoint(), k -> new ArrayList<>()).add(record);
            }
        }
        for (Map.Entry<String, List<BlockRecord>> entry : byPoint.entrySet()) {
            List<BlockRecord> records = entry.getValue();
            try {
                List<IpAddress> ips = records.stream().map(BlockRecord::ip).toList();
                enforcers.at(EnforcementPoint.parse(entry.getKey())).unblock(ips);
            } catch (RuntimeException e) {
                failed.addAll(records);
                errors.add(entry.getKey() + ": " + e.getMessage());
                continue;
            }
            for (BlockRecord record : records) {
                if (blocklist.remove(record)) {
                    removed.add(record);
                }
            }
        }
        return new PruneResult(removed, failed, errors, page.next());
    }
}
