package dev.portcullis.response.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.lambda.localaws.DynamoDbLocal;
import dev.portcullis.response.lambda.localaws.DynamoDbLocalExtension;
import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.port.BlockRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 1,000 findings, 10% of them duplicates, through record-ip (the real handlers, JSON in and out) by five workers at
 * once, against DynamoDB Local and the Network Firewall fake. The workers are deliberately NOT serialised: in AWS the
 * enforce function has one concurrent execution, but the adapters must stay correct without that guarantee, so this
 * is the harder case. Afterwards the rule group must block exactly the unique blockable addresses (no lost update),
 * no write may ever have exceeded the rule group's capacity, and the blocklist must agree. Not timed.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class RecordIpLoadTest {
    private static final int FINDINGS = 1_000;
    private static final int DUPLICATES = FINDINGS / 10;
    private static final int WORKERS = 5;
    private static final String CONFIG = "backends: [network-firewall]\ndry-run: false\nmin-severity: MEDIUM\n"
            + "allow-list: [192.0.2.0/25]\nrule-group-capacity: 30000\n";

    /** One generated finding and whether, by construction, its address must end up blocked. */
    private record Generated(String event, IpAddress ip, boolean blockable) {
    }

    @Test
    void everyUniqueBlockableAddressIsEnforcedOnceWithinCapacity(DynamoDbLocal local) throws Exception {
        List<Generated> unique = generate(FINDINGS - DUPLICATES, new Random(20261120));
        Set<IpAddress> expected = unique.stream().filter(Generated::blockable).map(Generated::ip)
                .collect(Collectors.toCollection(TreeSet::new));
        int capacityUnits = 2 * expected.size() + 20;
        List<Generated> events = new ArrayList<>(unique);
        Random pick = new Random(7);
        for (int i = 0; i < DUPLICATES; i++) {
            events.add(unique.get(pick.nextInt(unique.size())));
        }
        Collections.shuffle(events, new Random(11));
        assertEquals(FINDINGS, events.size());

        try (ResponseRig rig = new ResponseRig(local, capacityUnits)) {
            RecordingNotifier notifier = new RecordingNotifier();
            ResponseAdapters adapters = rig.adapters(CONFIG, notifier);
            ConcurrentLinkedQueue<String> failures = runWorkers(adapters, events, null);

            assertTrue(failures.isEmpty(), () -> failures.size() + " executions failed, first: " + failures.peek());
            Set<String> expectedCidrs = expected.stream().map(IpAddress::toCidr).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expectedCidrs, new TreeSet<>(rig.firewall.droppedAddresses()), "no lost and no extra block");
            assertTrue(rig.firewall.maxConsumedCapacity() <= capacityUnits, "capacity never exceeded");
            assertEquals(0, rig.firewall.capacityRejections(), "no over-capacity write was even attempted");
            Set<IpAddress> recorded = rig.blocklist().list("network-firewall").stream().map(BlockRecord::ip)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, recorded, "the blocklist holds one record per blocked address");
            assertEquals(expected.size(), notifier.sent().size(), "each new block announced once, duplicates never");
        }
    }

    /**
     * When the group is full, eviction decides on a view of the group, which is why enforcement has one writer: here
     * the enforce steps take turns (as in AWS), the rest of record-ip runs five at a time.
     */
    @Test
    void aFullRuleGroupEvictsButNeverOverflows(DynamoDbLocal local) throws Exception {
        List<Generated> events = generate(300, new Random(3));
        Set<IpAddress> blockable = events.stream().filter(Generated::blockable).map(Generated::ip).collect(Collectors.toSet());
        int capacityUnits = 2 * 40;
        try (ResponseRig rig = new ResponseRig(local, capacityUnits)) {
            ResponseAdapters adapters = rig.adapters(CONFIG, new RecordingNotifier());
            ConcurrentLinkedQueue<String> failures = runWorkers(adapters, events, new Object());
            assertTrue(failures.isEmpty(), () -> failures.size() + " executions failed, first: " + failures.peek());
            assertTrue(rig.firewall.maxConsumedCapacity() <= capacityUnits, "capacity never exceeded");
            assertEquals(0, rig.firewall.capacityRejections());
            Set<String> enforced = rig.firewall.droppedAddresses();
            assertEquals(40, enforced.size(), "full, after evicting the oldest");
            assertTrue(blockable.stream().map(IpAddress::toCidr).collect(Collectors.toSet()).containsAll(enforced));
        }
    }

    /**
     * Five workers take events from one queue; each runs record-ip, retrying failed steps as Step Functions would.
     * With {@code singleWriter} the enforce steps take turns, as the function's reserved concurrency of 1 makes them.
     */
    private static ConcurrentLinkedQueue<String> runWorkers(ResponseAdapters adapters, List<Generated> events,
                                                            Object singleWriter) throws Exception {
        ConcurrentLinkedQueue<Generated> queue = new ConcurrentLinkedQueue<>(events);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                workers.add(pool.submit(() -> {
                    Generated next;
                    while ((next = queue.poll()) != null) {
                        ObjectNode state = StepInvoker.recordIp(adapters, next.event(), singleWriter);
                        for (String step : List.of("plan", "stored", "enforced", "notified")) {
                            JsonNode output = state.get(step);
                            if (output != null && !"ok".equals(output.path("status").asText())) {
                                failures.add(step + ": " + output.path("reason").asText());
                            }
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return failures;
    }

    /**
     * Findings whose fate is known by construction: most from the documentation ranges (blockable; half IPv6, as the
     * two IPv4 documentation /24s hold only 512 addresses), the rest
     * private, allow-listed (192.0.2.0/25), low-severity or with our instance as the ACTOR (never blocked).
     */
    private static List<Generated> generate(int count, Random random) {
        String template = Fixtures.event("guardduty-network-connection.json");
        List<Generated> out = new ArrayList<>();
        Set<IpAddress> used = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(10);
            IpAddress ip;
            do {
                ip = switch (kind) {
                    case 0 -> IpAddress.of("10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256));
                    case 1 -> IpAddress.of("192.0.2." + random.nextInt(128));
                    case 2, 3, 4, 5, 6 -> IpAddress.of(String.format("2001:db8::%x:%x", random.nextInt(0xffff), random.nextInt(0xffff)));
                    default -> IpAddress.of((random.nextBoolean() ? "198.51.100." : "203.0.113.") + random.nextInt(256));
                };
            } while (kind >= 2 && used.contains(ip));
            boolean lowSeverity = kind >= 2 && random.nextInt(20) == 0;
            boolean actor = !lowSeverity && kind >= 2 && random.nextInt(20) == 0;
            boolean blockable = kind >= 2 && !lowSeverity && !actor;
            if (blockable) {
                used.add(ip);
            }
            out.add(new Generated(event(template, "load-" + i, ip, lowSeverity ? 2.0 : 5.0, actor ? "ACTOR" : "TARGET"),
                    ip, blockable));
        }
        return out;
    }

    private static String event(String template, String id, IpAddress ip, double severity, String role) {
        try {
            ObjectNode event = (ObjectNode) ResponseJson.mapper().readTree(template);
            ObjectNode detail = (ObjectNode) event.get("detail");
            detail.put("id", id);
            detail.put("arn", detail.path("arn").asText().replaceAll("/finding/.*", "/finding/" + id));
            detail.put("severity", severity);
            ObjectNode service = (ObjectNode) detail.get("service");
            service.put("resourceRole", role);
            ObjectNode remote = (ObjectNode) service.path("action").path("networkConnectionAction").path("remoteIpDetails");
            remote.remove("ipAddressV4");
            remote.remove("ipAddressV6");
            remote.put(ip.version() == IpAddress.Version.V4 ? "ipAddressV4" : "ipAddressV6", ip.toString());
            return ResponseJson.mapper().writeValueAsString(event);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
