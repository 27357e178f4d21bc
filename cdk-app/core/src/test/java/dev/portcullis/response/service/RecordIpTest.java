package dev.portcullis.response.service;

import dev.portcullis.response.Fixtures;
import dev.portcullis.response.config.Backend;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.decision.BlockDecision;
import dev.portcullis.response.finding.FindingSeverity;
import dev.portcullis.response.finding.FindingSource;
import dev.portcullis.response.finding.IpLocation;
import dev.portcullis.response.finding.RemoteIp;
import dev.portcullis.response.finding.ResourceRole;
import dev.portcullis.response.finding.SecurityFinding;
import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.SkipReason;
import dev.portcullis.response.port.BlockRecord;
import dev.portcullis.response.port.EnforcementPoint;
import dev.portcullis.response.port.EnforcementPoints;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordIpTest {

    private static final EnforcementPoint FIREWALL = new EnforcementPoint(Backend.NETWORK_FIREWALL,
            "arn:aws:network-firewall:eu-west-1:123456789012:stateless-rulegroup/portcullis-blocklist");
    private static final EnforcementPoint NACL = new EnforcementPoint(Backend.NACL, "acl-0f00dbabe0000cafe");

    private MutableClock clock;
    private InMemoryBlocklist blocklist;
    private Map<EnforcementPoint, InMemoryEnforcer> enforcers;
    private RecordingNotifier notifier;
    private RecordIp recordIp;
    private ResponseConfig config;

    /** NF: the one rule group; NACL: the ACL of subnet-0f1e... only (the subnet of the fixtures' instance). */
    private final EnforcementPoints points = block -> switch (block.enforcer()) {
        case NETWORK_FIREWALL -> Optional.of(FIREWALL);
        case NACL -> block.subnetIds().contains("subnet-0f1e2d3c4b5a69788") ? Optional.of(NACL) : Optional.empty();
        case WAF -> Optional.of(EnforcementPoint.of(Backend.WAF));
    };

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-11-20T10:16:00Z"));
        blocklist = new InMemoryBlocklist();
        enforcers = new HashMap<>();
        enforcers.put(FIREWALL, new InMemoryEnforcer(FIREWALL, 1000));
        enforcers.put(NACL, new InMemoryEnforcer(NACL, 10));
        enforcers.put(EnforcementPoint.of(Backend.WAF), new InMemoryEnforcer(EnforcementPoint.of(Backend.WAF), 100));
        notifier = new RecordingNotifier();
        recordIp = new RecordIp(blocklist, points, enforcers::get, notifier, notifier, clock);
        config = ResponseConfig.defaults().withDryRun(false);
    }

    private Plan plan(String fixture) {
        return new BlockDecision(config).decideEvent(Fixtures.event(fixture), clock.instant());
    }

    private Set<String> enforced(EnforcementPoint point) {
        Set<String> out = new HashSet<>();
        enforcers.get(point).current().forEach(ip -> out.add(ip.toString()));
        return out;
    }

    @Test
    void storesEnforcesAndNotifies() {
        RecordResult result = recordIp.run(plan("guardduty-port-probe.json"));
        assertEquals(3, result.stored().added().size());
        assertEquals(Set.of("203.0.113.45", "192.0.2.77", "2001:db8:4f::17"), enforced(FIREWALL));
        assertEquals(1, enforcers.get(FIREWALL).writes(), "one write for the whole finding");
        assertTrue(result.notified());
        assertEquals(1, notifier.sent.size());
        assertFalse(result.findingMarked());
        BlockRecord record = blocklist.get(IpAddress.of("192.0.2.77"), FIREWALL.key()).orElseThrow();
        assertEquals(Instant.parse("2026-12-20T10:16:00Z"), record.expiresAt());
        assertEquals(record.expiresAt().getEpochSecond(), record.ttlEpochSeconds());
        assertEquals(List.of("7a1b2c3d4e5f40718293a4b5c6d7e8f9"), record.findingIds());
        assertFalse(record.dryRun());
    }

    @Test
    void alreadyBlockedIpIsANoOp() {
        recordIp.run(plan("guardduty-network-connection.json"));
        clock.advance(Duration.ofHours(1));
        RecordResult again = recordIp.run(plan("guardduty-already-blocked.json"));
        assertEquals(List.of(), again.stored().added());
        assertEquals(1, again.stored().alreadyBlocked().size());
        assertEquals(SkipReason.ALREADY_BLOCKED, again.skipped().get(0).code());
        assertEquals("198.51.100.23", again.skipped().get(0).ip());
        assertFalse(again.notified(), "no second notification for the same block");
        assertEquals(1, notifier.sent.size());
        assertEquals(1, enforcers.get(FIREWALL).writes(), "nothing written for a duplicate");
        assertEquals(Instant.parse("2026-11-20T10:16:00Z"),
                blocklist.get(IpAddress.of("198.51.100.23"), FIREWALL.key()).orElseThrow().createdAt(),
                "the first block stands");
    }

    @Test
    void sameAttackerThroughGuardDutyAndSecurityHubIsOneBlock() {
        recordIp.run(plan("guardduty-network-connection.json"));
        RecordResult viaHub = recordIp.run(plan("securityhub-network-connection.json"));
        assertEquals(List.of(), viaHub.stored().added());
        assertTrue(viaHub.findingMarked(), "the Security Hub finding is still marked NOTIFIED");
        assertEquals(1, notifier.marked.size());
        assertEquals("NOTIFIED", notifier.marked.get(0).workflowStatus());
        assertEquals(1, blocklist.size());
    }

    @Test
    void dryRunRecordsAndNotifiesButEnforcesNothing() {
        config = config.withDryRun(true);
        RecordResult result = recordIp.run(plan("securityhub-port-probe.json"));
        assertEquals(3, result.stored().added().size());
        assertTrue(result.stored().added().stream().allMatch(BlockRecord::dryRun));
        assertEquals(List.of(), result.enforced());
        assertEquals(Set.of(), enforced(FIREWALL));
        assertEquals(0, enforcers.get(FIREWALL).writes());
        assertTrue(notifier.sent.get(0).subject().startsWith("[dry-run]"));
        assertEquals(List.of(), notifier.marked, "dry-run leaves Security Hub alone");

        // Switching dry-run off: the same attacker is now really blocked, not held back by its dry-run record.
        config = config.withDryRun(false);
        RecordResult real = recordIp.run(plan("securityhub-port-probe.json"));
        assertEquals(3, real.stored().added().size());
        assertEquals(Set.of("203.0.113.45", "192.0.2.77", "2001:db8:4f::17"), enforced(FIREWALL));
    }

    @Test
    void aRetryAfterAFailedEnforceRepairsTheBlock() {
        enforcers.get(FIREWALL).failWith(new IllegalStateException("InvalidTokenException, retries exhausted"));
        assertThrows(IllegalStateException.class, () -> recordIp.run(plan("guardduty-network-connection.json")));
        assertEquals(1, blocklist.size(), "stored before the enforce step failed");
        enforcers.get(FIREWALL).failWith(null);
        RecordResult retry = recordIp.run(plan("guardduty-network-connection.json"));
        assertEquals(List.of(), retry.stored().added());
        assertEquals(Set.of("198.51.100.23"), enforced(FIREWALL));
    }

    @Test
    void fullRuleGroupEvictsTheOldestAndSaysSo() {
        enforcers.get(FIREWALL).setCapacity(3);
        for (String ip : List.of("198.51.100.1", "198.51.100.2", "198.51.100.3")) {
            recordIp.run(new BlockDecision(config).decide(finding(ip), clock.instant()));
            clock.advance(Duration.ofMinutes(5));
        }
        notifier.sent.clear();
        RecordResult result = recordIp.run(new BlockDecision(config).decide(finding("198.51.100.4"), clock.instant()));
        EnforceOutcome outcome = result.enforced().get(0);
        assertEquals(List.of(IpAddress.of("198.51.100.1")), outcome.evicted());
        assertEquals(Set.of("198.51.100.2", "198.51.100.3", "198.51.100.4"), enforced(FIREWALL));
        assertTrue(blocklist.get(IpAddress.of("198.51.100.1"), FIREWALL.key()).isEmpty(), "evicted record removed");
        assertTrue(notifier.sent.stream().anyMatch(n -> n.subject().startsWith("Evicted 1 oldest block from "
                + FIREWALL.key() + " (full at 3)")), notifier.sent.toString());
        assertEquals(3, enforcers.get(FIREWALL).maxSeen(), "capacity never exceeded");
    }

    @Test
    void evictionTakesUnrecordedAddressesFirst() {
        enforcers.get(FIREWALL).setCapacity(2);
        recordIp.run(new BlockDecision(config).decide(finding("198.51.100.1"), clock.instant()));
        enforcers.get(FIREWALL).tamper(List.of(IpAddress.of("192.0.2.99")), List.of());
        clock.advance(Duration.ofMinutes(1));
        RecordResult result = recordIp.run(new BlockDecision(config).decide(finding("198.51.100.2"), clock.instant()));
        assertEquals(List.of(IpAddress.of("192.0.2.99")), result.enforced().get(0).evicted());
        assertEquals(Set.of("198.51.100.1", "198.51.100.2"), enforced(FIREWALL));
    }

    @Test
    void moreNewAddressesThanCapacityAreRejectedNotForced() {
        enforcers.get(FIREWALL).setCapacity(2);
        RecordResult result = recordIp.run(plan("guardduty-port-probe.json"));
        EnforceOutcome outcome = result.enforced().get(0);
        assertEquals(2, outcome.added().size());
        assertEquals(1, outcome.rejected().size());
        assertEquals(2, enforcers.get(FIREWALL).maxSeen());
    }

    @Test
    void naclBlocksGoToTheInstanceSubnetAclOrAreSkipped() {
        config = config.withBackends(List.of(Backend.NACL));
        RecordResult result = recordIp.run(plan("guardduty-network-connection.json"));
        assertEquals(Set.of("198.51.100.23"), enforced(NACL));
        assertEquals("nacl:acl-0f00dbabe0000cafe", result.stored().added().get(0).enforcementPoint());
        RecordResult noInstance = recordIp.run(plan("guardduty-aws-api-call.json"));
        assertEquals(SkipReason.NO_ENFORCEMENT_POINT, noInstance.skipped().get(0).code());
        assertTrue(noInstance.skipped().get(0).reason().contains("names no instance"));
        assertFalse(noInstance.notified());
    }

    @Test
    void anExpiredRecordDoesNotPreventANewBlock() {
        recordIp.run(plan("guardduty-network-connection.json"));
        clock.advance(Duration.ofHours(721)); // expired, and DynamoDB TTL has not deleted it yet
        RecordResult later = recordIp.run(plan("guardduty-already-blocked.json"));
        assertEquals(1, later.stored().added().size());
        assertEquals(clock.instant(), later.stored().added().get(0).createdAt());
    }

    @Test
    void concurrentWorkersLoseNoUpdate() throws Exception {
        // A core-level version of the load test: 1,000 findings, 10% repeats, 5 workers, in-memory doubles.
        List<Plan> plans = new ArrayList<>();
        Set<String> unique = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            int n = i % 10 == 9 ? i - 5 : i; // every tenth finding repeats an earlier attacker
            String ip = "198.51." + (100 + n / 250) + "." + (n % 250);
            unique.add(ip);
            plans.add(new BlockDecision(config).decide(finding(ip), clock.instant()));
        }
        ExecutorService workers = Executors.newFixedThreadPool(5);
        List<Future<RecordResult>> results = new ArrayList<>();
        for (Plan p : plans) {
            results.add(workers.submit(() -> recordIp.run(p)));
        }
        int added = 0;
        for (Future<RecordResult> result : results) {
            added += result.get(60, TimeUnit.SECONDS).stored().added().size();
        }
        workers.shutdown();
        assertEquals(unique.size(), added);
        assertEquals(unique, enforced(FIREWALL));
        assertEquals(unique.size(), blocklist.size());
        assertTrue(enforcers.get(FIREWALL).maxSeen() <= enforcers.get(FIREWALL).capacity());
    }

    private static SecurityFinding finding(String ip) {
        return new SecurityFinding(FindingSource.GUARDDUTY, "f-" + ip, "UnauthorizedAccess:EC2/SSHBruteForce", "",
                "123456789012", "eu-west-1", FindingSeverity.ofScore(5), ResourceRole.TARGET, false,
                List.of(new RemoteIp(ip, IpLocation.NETWORK_CONNECTION, "detail.service.action")),
                Optional.of("i-1"), List.of("subnet-0f1e2d3c4b5a69788"), Optional.empty());
    }
}
