package dev.portcullis.response.service;

import dev.portcullis.response.config.Backend;
import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.plan.PlannedAction.Notify;
import dev.portcullis.response.port.BlockRecord;
import dev.portcullis.response.port.EnforcementPoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconcileTest {

    private static final EnforcementPoint FIREWALL = EnforcementPoint.of(Backend.NETWORK_FIREWALL);

    private MutableClock clock;
    private InMemoryBlocklist blocklist;
    private InMemoryEnforcer enforcer;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-11-20T00:00:00Z"));
        blocklist = new InMemoryBlocklist();
        enforcer = new InMemoryEnforcer(FIREWALL, 100);
    }

    private void record(String ip, Duration lifetime, boolean dryRun) {
        Instant now = clock.instant();
        blocklist.putIfAbsent(new BlockRecord(IpAddress.of(ip), FIREWALL.key(), now, now.plus(lifetime), List.of("f"),
                dryRun));
        clock.advance(Duration.ofSeconds(1));
    }

    private static Set<IpAddress> ips(String... texts) {
        return Set.of(java.util.Arrays.stream(texts).map(IpAddress::of).toArray(IpAddress[]::new));
    }

    @Test
    void pureDiff() {
        Drift drift = Reconcile.diff(ips("198.51.100.1", "198.51.100.2"), ips("198.51.100.2", "198.51.100.3"));
        assertEquals(ips("198.51.100.1"), drift.missing());
        assertEquals(ips("198.51.100.3"), drift.extra());
        assertTrue(Reconcile.diff(ips("198.51.100.1"), ips("198.51.100.1")).none());
    }

    @Test
    void repairsMissingAndExtraInOneWrite() {
        record("198.51.100.1", Duration.ofDays(1), false);
        record("198.51.100.2", Duration.ofDays(1), false);
        record("198.51.100.3", Duration.ofDays(1), false);
        enforcer.tamper(ips("198.51.100.2", "198.51.100.3", "192.0.2.66"), Set.of());

        ReconcileReport report = new Reconcile(blocklist, clock).run(enforcer, true);

        assertEquals(ips("198.51.100.1"), report.drift().missing());
        assertEquals(ips("192.0.2.66"), report.drift().extra());
        assertTrue(report.repaired());
        assertEquals(ips("198.51.100.1", "198.51.100.2", "198.51.100.3"), enforcer.current());
        assertEquals(1, enforcer.writes());
        Notify notice = report.notice().orElseThrow();
        assertEquals("Drift at network-firewall: 1 missing, 1 extra (repaired)", notice.subject());
        assertTrue(notice.message().contains("192.0.2.66"));

        ReconcileReport again = new Reconcile(blocklist, clock).run(enforcer, true);
        assertTrue(again.drift().none());
        assertTrue(again.notice().isEmpty());
    }

    @Test
    void reportOnlyChangesNothing() {
        record("198.51.100.1", Duration.ofDays(1), false);
        ReconcileReport report = new Reconcile(blocklist, clock).run(enforcer, false);
        assertEquals(ips("198.51.100.1"), report.drift().missing());
        assertFalse(report.repaired());
        assertTrue(enforcer.current().isEmpty());
        assertTrue(report.notice().orElseThrow().subject().endsWith("(not repaired)"));
    }

    @Test
    void expiredAndDryRunRecordsAreNotWanted() {
        record("198.51.100.1", Duration.ofSeconds(1), false);
        record("198.51.100.2", Duration.ofDays(1), true);
        enforcer.tamper(ips("198.51.100.1"), Set.of());
        clock.advance(Duration.ofMinutes(1));
        ReconcileReport report = new Reconcile(blocklist, clock).run(enforcer, true);
        assertEquals(Set.of(), report.drift().missing());
        assertEquals(ips("198.51.100.1"), report.drift().extra(), "an expired block not yet pruned is lifted");
        assertTrue(enforcer.current().isEmpty());
    }

    @Test
    void overCapacityKeepsTheNewest() {
        enforcer.setCapacity(3);
        for (int i = 1; i <= 5; i++) {
            record("198.51.100." + i, Duration.ofDays(1), false);
        }
        ReconcileReport report = new Reconcile(blocklist, clock).run(enforcer, true);
        assertEquals(ips("198.51.100.3", "198.51.100.4", "198.51.100.5"), enforcer.current());
        assertEquals(List.of(IpAddress.of("198.51.100.2"), IpAddress.of("198.51.100.1")), report.evicted());
        assertEquals(3, blocklist.size());
    }
}
