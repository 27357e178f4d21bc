package dev.portcullis.response.lambda.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.response.lambda.localaws.BlocklistTable;
import dev.portcullis.response.lambda.localaws.DynamoDbLocal;
import dev.portcullis.response.lambda.localaws.DynamoDbLocalExtension;
import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.port.BlockRecord;
import dev.portcullis.response.port.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbBlocklistTest {
    /** In the real future: DynamoDB Local deletes items whose TTL has passed by the wall clock. */
    private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plus(Duration.ofDays(30));
    private static final String NFW = "network-firewall";

    private DynamoDbClient dynamo;
    private DynamoDbBlocklist blocklist;

    @BeforeEach
    void table(DynamoDbLocal local) {
        dynamo = local.client();
        blocklist = new DynamoDbBlocklist(dynamo, BlocklistTable.create(dynamo));
    }

    @AfterEach
    void close() {
        dynamo.close();
    }

    @Test
    void aDuplicateIsANoOpAndTheFirstRecordStays() {
        assertTrue(blocklist.putIfAbsent(record("198.51.100.7", NFW, T0, Duration.ofHours(1), "f-1", false)));
        assertFalse(blocklist.putIfAbsent(record("198.51.100.7", NFW, T0.plusSeconds(60), Duration.ofHours(1), "f-2", false)));
        assertTrue(blocklist.putIfAbsent(record("198.51.100.7", "waf", T0, Duration.ofHours(1), "f-2", false)),
                "the key is (ip, enforcement point)");
        BlockRecord stored = blocklist.get(IpAddress.of("198.51.100.7"), NFW).orElseThrow();
        assertEquals(List.of("f-1"), stored.findingIds());
        assertEquals(T0, stored.createdAt());
        assertEquals(T0.plus(Duration.ofHours(1)), stored.expiresAt());
    }

    @Test
    void anExpiredHolderIsReplacedBeforeTtlDeletesIt() {
        blocklist.putIfAbsent(record("2001:db8::1", NFW, T0, Duration.ofMinutes(5), "f-1", false));
        assertFalse(blocklist.putIfAbsent(record("2001:db8::1", NFW, T0.plusSeconds(299), Duration.ofHours(1), "f-2", false)));
        assertTrue(blocklist.putIfAbsent(record("2001:db8::1", NFW, T0.plusSeconds(300), Duration.ofHours(1), "f-3", false)));
        assertEquals(List.of("f-3"), blocklist.get(IpAddress.of("2001:db8::1"), NFW).orElseThrow().findingIds());
    }

    @Test
    void aRealBlockReplacesADryRunRecordButNotTheOtherWayRound() {
        blocklist.putIfAbsent(record("203.0.113.9", NFW, T0, Duration.ofHours(1), "dry", true));
        assertTrue(blocklist.putIfAbsent(record("203.0.113.9", NFW, T0.plusSeconds(1), Duration.ofHours(1), "real", false)));
        assertFalse(blocklist.putIfAbsent(record("203.0.113.9", NFW, T0.plusSeconds(2), Duration.ofHours(1), "dry-again", true)));
        assertFalse(blocklist.get(IpAddress.of("203.0.113.9"), NFW).orElseThrow().dryRun());
    }

    @Test
    void removeOnlyDeletesTheRecordThatWasRead() {
        BlockRecord old = record("192.0.2.4", NFW, T0, Duration.ofMinutes(1), "f-1", false);
        blocklist.putIfAbsent(old);
        BlockRecord renewed = record("192.0.2.4", NFW, T0.plusSeconds(120), Duration.ofHours(1), "f-2", false);
        assertTrue(blocklist.putIfAbsent(renewed));
        assertFalse(blocklist.remove(old), "a prune that read the expired record must not delete the renewed block");
        assertTrue(blocklist.get(IpAddress.of("192.0.2.4"), NFW).isPresent());
        assertTrue(blocklist.remove(renewed));
        assertTrue(blocklist.get(IpAddress.of("192.0.2.4"), NFW).isEmpty());
        assertFalse(blocklist.remove(renewed));
    }

    @Test
    void expiredPagesCoverEveryExpiredRecordOnceWhileTheyAreBeingDeleted() {
        Set<IpAddress> expected = new HashSet<>();
        for (int i = 1; i <= 23; i++) {
            BlockRecord r = record("198.51.100." + i, NFW, T0, Duration.ofMinutes(10), "f-" + i, false);
            blocklist.putIfAbsent(r);
            expected.add(r.ip());
        }
        for (int i = 1; i <= 9; i++) {
            blocklist.putIfAbsent(record("203.0.113." + i, NFW, T0, Duration.ofDays(10), "live-" + i, false));
        }
        Instant now = T0.plus(Duration.ofHours(1));
        List<IpAddress> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<BlockRecord> page = blocklist.expired(now, cursor, 4);
            for (BlockRecord r : page.items()) {
                seen.add(r.ip());
                assertTrue(blocklist.remove(r));
            }
            cursor = page.next().orElse(null);
            pages++;
        } while (cursor != null);
        assertEquals(expected.size(), seen.size(), "no record twice");
        assertEquals(expected, new HashSet<>(seen));
        assertTrue(pages > 5, "the scan really was paginated");
        assertEquals(9, blocklist.list(NFW).size());
    }

    @Test
    void listReturnsOnlyThePointsRecords() {
        blocklist.putIfAbsent(record("192.0.2.1", NFW, T0, Duration.ofHours(1), "a", false));
        blocklist.putIfAbsent(record("192.0.2.2", "nacl:acl-1", T0, Duration.ofHours(1), "b", false));
        blocklist.putIfAbsent(record("192.0.2.3", "nacl:acl-1", T0, Duration.ofHours(1), "c", true));
        assertEquals(Set.of(IpAddress.of("192.0.2.2"), IpAddress.of("192.0.2.3")),
                new HashSet<>(blocklist.list("nacl:acl-1").stream().map(BlockRecord::ip).toList()));
        assertEquals(Set.of(NFW, "nacl:acl-1"), blocklist.enforcementPoints());
    }

    @Test
    void concurrentPutsOfOneKeyStoreExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> puts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String finding = "f-" + i;
                puts.add(() -> blocklist.putIfAbsent(record("198.51.100.200", NFW, T0, Duration.ofHours(1), finding, false)));
            }
            int stored = 0;
            for (Future<Boolean> result : pool.invokeAll(puts)) {
                stored += result.get() ? 1 : 0;
            }
            assertEquals(1, stored);
        } finally {
            pool.shutdownNow();
        }
    }

    private static BlockRecord record(String ip, String point, Instant created, Duration lifetime, String finding, boolean dryRun) {
        return new BlockRecord(IpAddress.of(ip), point, created, created.plus(lifetime), List.of(finding), dryRun);
    }
}
