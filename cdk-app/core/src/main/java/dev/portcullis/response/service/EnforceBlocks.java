package dev.portcullis.response.service;

import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.plan.PlannedAction.Notify;
import dev.portcullis.response.port.BlockRecord;
import dev.portcullis.response.port.Blocklist;
import dev.portcullis.response.port.EnforcementPoint;
import dev.portcullis.response.port.Enforcer;
import dev.portcullis.response.port.Notifier;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The "enforce" step of record-ip at one enforcement point. Capacity is read before every write; when the new
 * addresses do not fit, the oldest blocks are evicted (addresses enforced without a live record first, since nothing
 * vouches for them, then records by creation time), their records removed and people told. Addresses already enforced
 * cost nothing, which makes retries and duplicates harmless. Expects to be the only writer of its point.
 */
public final class EnforceBlocks {

    private final Blocklist blocklist;
    private final Notifier notifier;
    private final Clock clock;

    public EnforceBlocks(Blocklist blocklist, Notifier notifier, Clock clock) {
        this.blocklist = blocklist;
        this.notifier = notifier;
        this.clock = clock;
    }

    public EnforceOutcome enforce(Enforcer enforcer, Collection<IpAddress> ips) {
        EnforcementPoint point = enforcer.point();
        Set<IpAddress> current = enforcer.current();
        List<IpAddress> present = new ArrayList<>();
        List<IpAddress> toAdd = new ArrayList<>();
        for (IpAddress ip : new LinkedHashSet<>(ips)) {
            (current.contains(ip) ? present : toAdd).add(ip);
        }
        if (toAdd.isEmpty()) {
            return new EnforceOutcome(point, List.of(), present, List.of(), List.of());
        }
        int capacity = enforcer.capacity();
        List<IpAddress> rejected = new ArrayList<>();
        if (toAdd.size() > capacity) {
            rejected.addAll(toAdd.subList(capacity, toAdd.size()));
            toAdd = new ArrayList<>(toAdd.subList(0, capacity));
        }
        int overflow = current.size() + toAdd.size() - capacity;
        List<IpAddress> evicted = new ArrayList<>();
        List<BlockRecord> evictedRecords = new ArrayList<>();
        if (overflow > 0) {
            Instant now = clock.instant();
            Map<IpAddress, BlockRecord> live = new HashMap<>();
            for (BlockRecord record : blocklist.list(point.key())) {
                if (!record.dryRun() && !record.expiredAt(now)) {
                    live.put(record.ip(), record);
                }
            }
            Set<IpAddress> adding = Set.copyOf(toAdd);
            List<IpAddress> candidates = new ArrayList<>();
            current.stream().filter(ip -> !live.containsKey(ip) && !adding.contains(ip)).sorted()
                    .forEach(candidates::add);
            live.values().stream()
                    .filter(r -> current.contains(r.ip()) && !adding.contains(r.ip()))
                    .sorted(Comparator.comparing(BlockRecord::createdAt).thenComparing(BlockRecord::ip))
                    .forEach(r -> candidates.add(r.ip()));
            for (IpAddress ip : candidates.subList(0, Math.min(overflow, candidates.size()))) {
                evicted.add(ip);
                if (live.containsKey(ip)) {
                    evictedRecords.add(live.get(ip));
                }
            }
        }
        enforcer.update(toAdd, evicted);
        evictedRecords.forEach(blocklist::remove);
        if (!evicted.isEmpty()) {
            notifier.send(new Notify("Evicted " + evicted.size() + " oldest " + (evicted.size() == 1 ? "block" : "blocks")
                    + " from " + point.key() + " (full at " + capacity + ")",
                    "To make room for " + toAdd.stream().map(IpAddress::toString).collect(Collectors.joining(", "))
                            + ", these blocks were lifted before their expiry: "
                            + evicted.stream().map(IpAddress::toString).collect(Collectors.joining(", "))
                            + ". Raise the capacity or shorten block-lifetime-hours if this repeats."));
        }
        return new EnforceOutcome(point, toAdd, present, evicted, rejected);
    }
}
