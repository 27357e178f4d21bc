package dev.portcullis.response.service;

import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.port.BlockRecord;
import dev.portcullis.response.port.Blocklist;
import dev.portcullis.response.port.Page;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Test double: the {@link Blocklist} contract over a sorted map, with the conditional-write semantics. */
final class InMemoryBlocklist implements Blocklist {

    private final TreeMap<String, BlockRecord> records = new TreeMap<>();

    private static String key(String point, IpAddress ip) {
        return point + "|" + ip;
    }

    @Override
    public synchronized boolean putIfAbsent(BlockRecord record) {
        String key = key(record.enforcementPoint(), record.ip());
        BlockRecord existing = records.get(key);
        boolean replace = existing == null
                || existing.expiredAt(record.createdAt())
                || (existing.dryRun() && !record.dryRun());
        if (replace) {
            records.put(key, record);
        }
        return replace;
    }

    @Override
    public synchronized Optional<BlockRecord> get(IpAddress ip, String enforcementPoint) {
        return Optional.ofNullable(records.get(key(enforcementPoint, ip)));
    }

    @Override
    public synchronized Page<BlockRecord> expired(Instant now, String cursor, int limit) {
        Map<String, BlockRecord> tail = cursor == null ? records : records.tailMap(cursor, false);
        List<BlockRecord> page = new ArrayList<>();
        String last = null;
        for (Map.Entry<String, BlockRecord> entry : tail.entrySet()) {
            if (entry.getValue().expiredAt(now)) {
                if (page.size() == limit) {
                    return new Page<>(page, Optional.of(last));
                }
                page.add(entry.getValue());
                last = entry.getKey();
            }
        }
        return new Page<>(page, Optional.empty());
    }

    @Override
    public synchronized boolean remove(BlockRecord record) {
        String key = key(record.enforcementPoint(), record.ip());
        BlockRecord existing = records.get(key);
        if (existing != null && existing.createdAt().equals(record.createdAt())) {
            records.remove(key);
            return true;
        }
        return false;
    }

    @Override
    public synchronized List<BlockRecord> list(String enforcementPoint) {
        return records.values().stream().filter(r -> r.enforcementPoint().equals(enforcementPoint)).toList();
    }

    @Override
    public synchronized List<BlockRecord> recordsOf(IpAddress ip) {
        return records.values().stream().filter(r -> r.ip().equals(ip)).toList();
    }

    synchronized int size() {
        return records.size();
    }
}
