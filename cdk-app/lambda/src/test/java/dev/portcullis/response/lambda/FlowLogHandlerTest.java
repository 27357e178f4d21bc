package dev.portcullis.response.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.lambda.localaws.BlocklistTable;
import dev.portcullis.response.lambda.localaws.DynamoDbLocal;
import dev.portcullis.response.lambda.localaws.DynamoDbLocalExtension;
import dev.portcullis.response.lambda.localaws.LedgerTable;
import dev.portcullis.response.lambda.localaws.MotoServer;
import dev.portcullis.response.lambda.localaws.MotoServerExtension;
import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.port.BlockRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The flow-log kill switch end to end: CloudWatch Logs payloads (encoded as the subscription delivers them) about
 * instances on moto_server, the blocklist and the rate-limit ledger in DynamoDB Local. Records are the fixtures'
 * with the interface ids and addresses moto gave.
 */
@ExtendWith({MotoServerExtension.class, DynamoDbLocalExtension.class})
class FlowLogHandlerTest {
    private static final String ENFORCING = "flow-logs: {dry-run: false}\n";

    private PlaybookRig rig;
    private String group;
    private String instance;
    private String eni;
    private String address;

    @BeforeEach
    void account(MotoServer moto, DynamoDbLocal local) {
        rig = new PlaybookRig(moto, local.client(), BlocklistTable.create(local.client()),
                LedgerTable.create(local.client()));
        group = rig.securityGroup("app");
        instance = rig.runInstance(group);
        eni = rig.describe(instance).networkInterfaces().get(0).networkInterfaceId();
        address = rig.describe(instance).privateIpAddress();
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void dryRunByDefaultNotifiesWhatItWouldDoAndChangesNothing() {
        JsonNode out = invoke("", defaultFormatBatch());
        assertEquals("ok", out.path("status").asText(), out.toString());
        assertEquals(List.of("isolate-instance", "notify", "snapshot-volume"), types(out));
        assertTrue(out.path("outcome").path("dryRun").asBoolean());
        assertEquals(List.of(group), rig.groups(instance).get(eni));
        assertTrue(rig.forensicSnapshots(instance).isEmpty());
        assertTrue(rig.notifier.sent().get(0).subject().startsWith("[dry-run] Flow-log kill switch"));
        assertTrue(rig.notifier.sent().get(0).message().contains("203.0.113.50"), "the evidence is in the message");
    }

    @Test
    void aRejectOfTrafficTheInstanceStartedSnapshotsAndIsolatesIt() {
        JsonNode out = invoke(ENFORCING, defaultFormatBatch());
        assertEquals("ok", out.path("status").asText(), out.toString());
        assertEquals(rig.volumes(instance), rig.forensicSnapshots(instance));
        assertEquals(1, rig.groups(instance).get(eni).size());
        assertFalse(rig.groups(instance).get(eni).contains(group), "moved into the isolation group");
        assertTrue(rig.tags(instance).containsKey("portcullis:quarantined"));
        assertTrue(rig.tags(instance).get("portcullis:quarantine-reason").contains("203.0.113.50"));
        List<String> codes = codes(out);
        assertTrue(codes.stream().allMatch(c -> c.equals("no-trigger")), codes.toString());

        // The same records again: the instance is already isolated; nothing more happens.
        JsonNode again = invoke(ENFORCING, defaultFormatBatch());
        assertTrue(codes(again).contains("already-quarantined"), again.toString());
        assertEquals(1, rig.forensicSnapshots(instance).size());
    }

    @Test
    void terminationNeedsTheOptInTagAndNeverHitsAutoScalingMembersByDefault() {
        String config = "flow-logs: {dry-run: false, response: snapshot-and-terminate}\n";
        JsonNode out = invoke(config, defaultFormatBatch());
        assertTrue(codes(out).contains("terminate-not-opted-in"), out.toString());
        assertEquals("running", rig.describe(instance).state().nameAsString());
        assertTrue(rig.tags(instance).containsKey("portcullis:quarantined"), "isolated instead");

        String optedIn = rig.runInstance(group);
        rig.ec2.createTags(b -> b.resources(optedIn).tags(t -> t.key("portcullis:terminate-on-threat").value("true")));
        String optedInEni = rig.describe(optedIn).networkInterfaces().get(0).networkInterfaceId();
        List<String> volumes = rig.volumes(optedIn);
        JsonNode terminated = invoke(config, batch(optedInEni, rig.describe(optedIn).privateIpAddress()));
        assertEquals("ok", terminated.path("status").asText(), terminated.toString());
        assertTrue(List.of("shutting-down", "terminated").contains(rig.describe(optedIn).state().nameAsString()));
        assertFalse(volumes.isEmpty());
        assertEquals(volumes, rig.forensicSnapshots(optedIn), "snapshotted before it was terminated");
    }

    @Test
    void anAutoScalingMemberIsIsolatedNotTerminated() {
        String template = rig.ec2.createLaunchTemplate(b -> b.launchTemplateName("workers")
                .launchTemplateData(d -> d.imageId(rig.image).networkInterfaces(n -> n.deviceIndex(0).groups(group))))
                .launchTemplate().launchTemplateId();
        rig.autoScaling.createAutoScalingGroup(b -> b.autoScalingGroupName("workers").minSize(1).maxSize(1)
                .vpcZoneIdentifier(rig.subnet).launchTemplate(t -> t.launchTemplateId(template)));
        String worker = rig.autoScaling.describeAutoScalingGroups(b -> b.autoScalingGroupNames("workers"))
                .autoScalingGroups().get(0).instances().get(0).instanceId();
        rig.ec2.createTags(b -> b.resources(worker).tags(t -> t.key("portcullis:terminate-on-threat").value("true")));
        String workerEni = rig.describe(worker).networkInterfaces().get(0).networkInterfaceId();

        JsonNode out = invoke("flow-logs: {dry-run: false, response: snapshot-and-terminate}\n",
                batch(workerEni, rig.describe(worker).privateIpAddress()));
        assertTrue(codes(out).contains("auto-scaling-member"), out.toString());
        assertEquals("running", rig.describe(worker).state().nameAsString());
        assertTrue(rig.autoScaling.describeAutoScalingInstances(b -> b.instanceIds(worker)).autoScalingInstances()
                .isEmpty(), "detached, so the group does not replace it as unhealthy");
    }

    @Test
    void theRateLimitAllowsEachInstanceOncePerWindowAndAtMostMaxInstances() {
        String config = "flow-logs: {response: notify, rate-limit: {max-responses: 1, window-minutes: 60}}\n";
        String other = rig.runInstance(group);
        String otherEni = rig.describe(other).networkInterfaces().get(0).networkInterfaceId();
        JsonNode first = invoke(config, batch(eni, address), batch(otherEni, rig.describe(other).privateIpAddress()));
        assertEquals(List.of("rate-limited"), codes(first).stream().filter(c -> !c.equals("no-trigger")).toList());
        assertEquals(1, rig.notifier.sent().size());

        rig.clock.advance(Duration.ofMinutes(30));
        JsonNode again = invoke(config, defaultFormatBatch());
        assertEquals(List.of("rate-limited"), codes(again).stream().filter(c -> !c.equals("no-trigger")).toList(),
                "the same instance within its window");
        assertEquals(1, rig.notifier.sent().size(), "a rate-limited batch sends nothing");

        rig.clock.advance(Duration.ofMinutes(61));
        JsonNode later = invoke(config, defaultFormatBatch());
        assertEquals(List.of(), codes(later).stream().filter(c -> !c.equals("no-trigger")).toList());
        assertEquals(2, rig.notifier.sent().size());
    }

    @Test
    void contactWithABlockedAddressTriggersEvenWhenAccepted() {
        rig.blocklist().putIfAbsent(new BlockRecord(IpAddress.of("198.51.100.99"), "network-firewall",
                rig.clock.instant(), rig.clock.instant().plus(Duration.ofDays(30)), List.of("finding-1"), true));
        String record = "2 123456789012 " + eni + " " + address + " 198.51.100.99 51234 443 6 40 9800 1795687200 "
                + "1795687260 ACCEPT OK";
        JsonNode out = invoke("flow-logs: {response: notify}\n", payload(eni, List.of(record)));
        assertEquals(List.of("notify"), types(out), out.toString());
        assertTrue(rig.notifier.sent().get(0).message().contains("198.51.100.99 (in the blocklist)"),
                rig.notifier.sent().get(0).message());
    }

    @Test
    void unknownInterfacesAndInterfacesWithoutInstancesAreReasonedSkips() {
        String nat = rig.ec2.createNetworkInterface(b -> b.subnetId(rig.subnet)).networkInterface()
                .networkInterfaceId();
        JsonNode out = invoke(ENFORCING, Fixtures.event("flow-logs/unknown-interface.json"),
                batch(nat, "10.0.1.200"));
        assertEquals("ok", out.path("status").asText(), out.toString());
        assertEquals(List.of("not-an-instance", "unknown-interface"), codes(out).stream()
                .filter(c -> !c.equals("no-trigger")).sorted().toList());
        assertEquals(List.of(), types(out));
        assertTrue(rig.notifier.sent().isEmpty());
    }

    @Test
    void malformedPayloadsAreSkipsAndNothingIsDestroyed() throws Exception {
        List<String> inputs = new ArrayList<>(List.of("", "not json", "[]", "{\"awslogs\": 5}"));
        try (var files = java.nio.file.Files.list(Fixtures.events().resolve("flow-logs/malformed"))) {
            files.sorted().forEach(f -> inputs.add(Fixtures.event("flow-logs/malformed/" + f.getFileName())));
        }
        for (String input : inputs) {
            JsonNode out = PlaybookRig.invoke(new FlowLogHandler(() -> rig.adapters(ENFORCING)), input);
            assertEquals("ok", out.path("status").asText(), input + " -> " + out);
            assertEquals(List.of("malformed-event"), codes(out), input + " -> " + out);
        }
        assertEquals(List.of(group), rig.groups(instance).get(eni));
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** The default-format fixture's records, about this test's instance. */
    private String defaultFormatBatch() {
        return batch(eni, address);
    }

    private String batch(String interfaceId, String privateAddress) {
        JsonNode fixture = read(Fixtures.event("flow-logs/default-format-reject.json"));
        List<String> lines = new ArrayList<>();
        fixture.path("logEvents").forEach(e -> lines.add(e.path("message").asText()
                .replace("eni-0a1b2c3d4e5f60718", interfaceId).replace("10.0.1.15", privateAddress)));
        return payload(interfaceId, lines);
    }

    /** A CloudWatch Logs subscription payload, encoded as the service delivers it. */
    private static String payload(String interfaceId, List<String> lines) {
        ObjectNode message = ResponseJson.mapper().createObjectNode();
        message.put("messageType", "DATA_MESSAGE").put("owner", "123456789012")
                .put("logGroup", "/portcullis/flow-logs").put("logStream", interfaceId + "-all");
        ArrayNode events = message.putArray("logEvents");
        for (int i = 0; i < lines.size(); i++) {
            events.addObject().put("id", Integer.toString(i)).put("timestamp", 1795687260000L).put("message",
                    lines.get(i));
        }
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            out.write(message.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseJson.mapper().createObjectNode().set("awslogs", ResponseJson.mapper().createObjectNode()
                .put("data", Base64.getEncoder().encodeToString(gzip.toByteArray()))).toString();
    }

    /** Invokes the handler once per payload (as CloudWatch Logs does, per log stream) and returns the last output. */
    private JsonNode invoke(String config, String... payloads) {
        PlaybookAdapters adapters = rig.adapters(config);
        JsonNode last = null;
        List<JsonNode> skipped = new ArrayList<>();
        for (String payload : payloads) {
            last = PlaybookRig.invoke(new FlowLogHandler(() -> adapters), payload);
            last.path("plan").path("skipped").forEach(skipped::add);
        }
        if (payloads.length > 1) {
            ((ObjectNode) last.path("plan")).set("skipped", ResponseJson.mapper().valueToTree(skipped));
        }
        return last;
    }

    private static List<String> types(JsonNode out) {
        List<String> types = new ArrayList<>();
        out.path("plan").path("actions").forEach(a -> types.add(a.path("type").asText()));
        types.sort(null);
        return types;
    }

    private static List<String> codes(JsonNode out) {
        List<String> codes = new ArrayList<>();
        out.path("plan").path("skipped").forEach(s -> codes.add(s.path("code").asText()));
        codes.sort(null);
        return codes;
    }

    private static JsonNode read(String text) {
        try {
            return ResponseJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
