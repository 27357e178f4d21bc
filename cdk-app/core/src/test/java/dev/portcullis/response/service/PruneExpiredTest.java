package dev.portcullis.response.service;

import dev.portcullis.response.config.Backend;
import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.port.BlockRecord;
import dev.portcullis.response.port.EnforcementPoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PruneExpiredTest {

    private static final EnforcementPoint FIREWALL = EnforcementPoint.of(Backend.NETWORK_FIREWALL);
    private static final EnforcementPoint WAF = EnforcementPoint.of(Backend.WAF);

    private MutableClock clock;
    private InMemoryBlocklist blocklist;
    private Map<EnforcementPoint, InMemoryEnforcer> enforcers;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-11-20T00:00:00Z"));
        blocklist = new InMemoryBlocklist();
        enforcers = new HashMap<>();
        enforcers.put(FIREWALL, new InMemoryEnforcer(FIREWALL, 10_000));
        enforcers.put(WAF, new InMemoryEnforcer(WAF, 10_000));
    }

    private void block(EnforcementPoint point, String ip, Duration lifetime, boolean dryRun) {
        Instant now = clock.instant();
        blocklist.putIfAbsent(new BlockRecord(IpAddress.of(ip), point.key(), now, now.plus(lifetime), List.of("f"),
                dryRun));
        if (!dryRun) {
            enforcers.get(point).block(List.of(IpAddress.of(ip)));
        }
    }

    @Test
    void removesEveryExpiredBlockAcrossAllPagesInOneRun() {
        for (int i = 0; i < 250; i++) {
            block(i % 2 == 0 ? FIREWALL : WAF, "198.51.100." + (i % 250), Duration.ofHours(1), false);
            block(FIREWALL, "2001:db8::" + Integer.toHexString(i + 1), Duration.ofHours(1), false);
        }
        for (int i = 0; i < 30; i++) {
            block(FIREWALL, "203.0.113." + i, Duration.ofHours(100), false);
        }
        for (int i = 0; i < 10; i++) {
            block(WAF, "192.0.2." + i, Duration.ofHours(1), true);
        }
        clock.advance(Duration.ofHours(2));
        int writesBefore = enforcers.get(FIREWALL).writes() + enforcers.get(WAF).writes();

        PruneResult result = new PruneExpired(blocklist, enforcers::get, clock, 7).run();

        assertEquals(510, result.removed().size(), "250 + 250 enforced and 10 dry-run records");
        assertEquals(List.of(), result.failed());
        assertEquals(30, blocklist.size(), "only live blocks remain");
        assertEquals(30, enforcers.get(FIREWALL).current().size());
        assertTrue(enforcers.get(WAF).current().isEmpty());
        int writes = enforcers.get(FIREWALL).writes() + enforcers.get(WAF).writes() - writesBefore;
        assertTrue(writes <= 2 * (500 / 7 + 1), "one write per point per page, not per address: " + writes);
    }

    @Test
    void aFailedUnblockKeepsItsRecordsForTheNextRun() {
        block(FIREWALL, "198.51.100.1", Duration.ofHours(1), false);
        block(WAF, "198.51.100.2", Duration.ofHours(1), false);
        clock.advance(Duration.ofHours(2));
        enforcers.get(FIREWALL).failWith(new IllegalStateException("throttled"));

        PruneResult first = new PruneExpired(blocklist, enforcers::get, clock, 100).run();
        assertEquals(1, first.removed().size());
        assertEquals(1, first.failed().size());
        assertEquals(List.of("network-firewall: throttled"), first.errors());
        assertEquals(1, blocklist.size());

        enforcers.get(FIREWALL).failWith(null);
        PruneResult second = new PruneExpired(blocklist, enforcers::get, clock, 100).run();
        assertEquals(1, second.removed().size());
        assertEquals(0, blocklist.size());
        assertTrue(enforcers.get(FIREWALL).current().isEmpty());
    }

    @Test
    void onePageAtATimeForAStateMachineLoop() {
        for (int i = 0; i < 5; i++) {
            block(FIREWALL, "198.51.100." + i, Duration.ofHours(1), false);
        }
        clock.advance(Duration.ofHours(2));
        PruneExpired prune = new PruneExpired(blocklist, enforcers::get, clock, 2);
        PruneResult page = prune.prunePage(clock.instant(), null);
        assertEquals(2, page.removed().size());
        assertTrue(page.next().isPresent());
        int pages = 1;
        while (page.next().isPresent()) {
            page = prune.prunePage(clock.instant(), page.next().get());
            pages++;
        }
        assertEquals(0, blocklist.size());
        assertEquals(3, pages);
    }

    @Test
    void nothingExpiredIsANoOp() {
        block(FIREWALL, "198.51.100.1", Duration.ofHours(1), false);
        PruneResult result = new PruneExpired(blocklist, enforcers::get, clock, 10).run();
        assertEquals(List.of(), result.removed());
        assertEquals(1, blocklist.size());
    }

    @Test
    void pageSizeMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new PruneExpired(blocklist, enforcers::get, clock, 0));
    }
}
