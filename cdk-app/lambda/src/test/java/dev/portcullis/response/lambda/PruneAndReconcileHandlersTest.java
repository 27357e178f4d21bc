package dev.portcullis.response.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.config.Backend;
import dev.portcullis.response.lambda.aws.NetworkFirewallEnforcer;
import dev.portcullis.response.lambda.localaws.DynamoDbLocal;
import dev.portcullis.response.lambda.localaws.DynamoDbLocalExtension;
import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.port.BlockRecord;
import dev.portcullis.response.port.EnforcementPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbLocalExtension.class)
class PruneAndReconcileHandlersTest {
    private static final String CONFIG = "backends: [network-firewall]\ndry-run: false\nblock-lifetime-hours: 24\n";

    private ResponseRig rig;
    private RecordingNotifier notifier;
    private ResponseAdapters adapters;

    @BeforeEach
    void rig(DynamoDbLocal local) {
        rig = new ResponseRig(local, 1000);
        notifier = new RecordingNotifier();
        adapters = rig.adapters(CONFIG, notifier);
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void pruneLiftsEveryExpiredBlockPageByPageAndKeepsTheLiveOnes() {
        List<IpAddress> old = block(230, "198.51.100.", "203.0.113.");
        rig.clock.advance(Duration.ofHours(20));
        List<IpAddress> fresh = block(3, "192.0.2.");
        rig.clock.advance(Duration.ofHours(5));

        int pages = 0;
        int removed = 0;
        JsonNode request = ResponseJson.mapper().createObjectNode();
        while (true) {
            JsonNode page = StepInvoker.invoke(new PruneHandler(() -> adapters), request);
            assertEquals("ok", page.path("status").asText(), page.toString());
            pages++;
            removed += page.path("removed").asInt();
            if (!page.has("next")) {
                break;
            }
            ObjectNode next = ResponseJson.mapper().createObjectNode();
            next.put("cursor", page.get("next").asText());
            request = next;
        }
        assertEquals(old.size(), removed, "every expired block, not one per run");
        assertEquals(3, pages, "230 records at 100 a page");
        assertEquals(cidrs(fresh), new TreeSet<>(rig.firewall.droppedAddresses()));
        assertEquals(new TreeSet<>(fresh), rig.blocklist().list("network-firewall").stream().map(BlockRecord::ip)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void reconcileRepairsDriftBothWaysAndReportsIt() {
        List<IpAddress> recorded = block(4, "198.51.100.");
        NetworkFirewallEnforcer direct = new NetworkFirewallEnforcer(rig.firewallClient,
                EnforcementPoint.of(Backend.NETWORK_FIREWALL), rig.firewall.ruleGroupArn(), 1000);
        direct.update(List.of(IpAddress.of("203.0.113.66")), List.of(recorded.get(0)));

        int announced = notifier.sent().size();
        ObjectNode reportOnly = ResponseJson.mapper().createObjectNode().put("repair", false);
        JsonNode looked = StepInvoker.invoke(new ReconcileHandler(() -> adapters), reportOnly);
        assertEquals("ok", looked.path("status").asText(), looked.toString());
        assertFalse(looked.path("reports").get(0).path("repaired").asBoolean());
        assertTrue(rig.firewall.droppedAddresses().contains("203.0.113.66/32"), "report only: nothing changed");

        JsonNode repaired = StepInvoker.invoke(new ReconcileHandler(() -> adapters), "{}");
        assertEquals("ok", repaired.path("status").asText(), repaired.toString());
        JsonNode drift = repaired.path("reports").get(0).path("drift");
        assertEquals(List.of(recorded.get(0).toString()), texts(drift.path("missing")));
        assertEquals(List.of("203.0.113.66"), texts(drift.path("extra")));
        assertEquals(cidrs(recorded), new TreeSet<>(rig.firewall.droppedAddresses()));
        assertEquals(announced + 2, notifier.sent().size(), "each run with drift reports it");
        assertTrue(notifier.sent().get(announced + 1).subject().contains("1 missing, 1 extra (repaired)"));

        JsonNode clean = StepInvoker.invoke(new ReconcileHandler(() -> adapters), "{}");
        assertEquals(0, clean.path("reports").get(0).path("drift").path("missing").size());
        assertEquals(announced + 2, notifier.sent().size(), "no drift, no message");
    }

    /** Blocks {@code count} addresses through record-ip (store and enforce), spread over the given prefixes. */
    private List<IpAddress> block(int count, String... prefixes) {
        List<IpAddress> ips = new ArrayList<>();
        String template = Fixtures.event("guardduty-network-connection.json");
        for (int i = 0; i < count; i++) {
            IpAddress ip = IpAddress.of(prefixes[i % prefixes.length] + (i / prefixes.length + 1));
            ips.add(ip);
            String event = template.replace("198.51.100.23", ip.toString())
                    .replace("5ec4f2b1a0d34b7f9c1e2d3a4b5c6d71", "prune-" + ip);
            ObjectNode state = StepInvoker.recordIp(adapters, event);
            assertEquals("ok", state.path("enforced").path("status").asText(), state.toString());
        }
        return ips;
    }

    private static Set<String> cidrs(List<IpAddress> ips) {
        return ips.stream().map(IpAddress::toCidr).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
