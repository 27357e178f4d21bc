package dev.portcullis.response.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.lambda.localaws.DynamoDbLocal;
import dev.portcullis.response.lambda.localaws.DynamoDbLocalExtension;
import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.port.BlockRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbLocalExtension.class)
class RecordIpHandlersTest {
    private static final String ENFORCING = "backends: [network-firewall]\ndry-run: false\nmin-severity: MEDIUM\n";
    private static final String DRY_RUN = "backends: [network-firewall]\ndry-run: true\n";

    private ResponseRig rig;
    private RecordingNotifier notifier;

    @BeforeEach
    void rig(DynamoDbLocal local) {
        rig = new ResponseRig(local, 200);
        notifier = new RecordingNotifier();
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void aPortProbeBlocksEveryProbingAddressAndTellsPeopleOnce() {
        ResponseAdapters adapters = rig.adapters(ENFORCING, notifier);
        ObjectNode state = StepInvoker.recordIp(adapters, Fixtures.event("guardduty-port-probe.json"));
        assertAllOk(state);
        Set<String> planned = new TreeSet<>();
        state.path("plan").path("actions").forEach(a -> {
            if (a.path("type").asText().equals("block-ip")) {
                planned.add(IpAddress.of(a.path("ip").asText()).toCidr());
            }
        });
        assertEquals(3, planned.size(), "the fixture's three distinct probing addresses");
        assertEquals(planned, new TreeSet<>(rig.firewall.droppedAddresses()));
        assertEquals(1, notifier.sent().size());
        assertTrue(rig.securityHub.updates().isEmpty(), "a GuardDuty event has no Security Hub finding to mark");

        int writes = rig.firewall.updates();
        ObjectNode again = StepInvoker.recordIp(adapters, Fixtures.event("guardduty-port-probe.json"));
        assertAllOk(again);
        assertEquals(0, again.path("stored").path("added").size());
        assertEquals(3, again.path("stored").path("alreadyBlocked").size());
        assertEquals(writes, rig.firewall.updates(), "nothing to write for a duplicate");
        assertEquals(1, notifier.sent().size(), "a duplicate is not announced again");
    }

    @Test
    void aSecurityHubFindingIsMarkedNotifiedByUs() {
        String event = Fixtures.event("securityhub-network-connection.json");
        JsonNode finding = StepInvoker.readTree(event).path("detail").path("findings").get(0);
        rig.securityHub.knownFinding(finding.path("Id").asText(), finding.path("ProductArn").asText());
        ObjectNode state = StepInvoker.recordIp(rig.adapters(ENFORCING, notifier), event);
        assertAllOk(state);
        assertEquals(Set.of("198.51.100.23/32"), rig.firewall.droppedAddresses());
        assertEquals(1, rig.securityHub.updates().size());
        assertEquals("NOTIFIED", rig.securityHub.updates().get(0).workflowStatus());
        assertEquals("portcullis-response", rig.securityHub.updates().get(0).updatedBy());
        assertTrue(rig.securityHub.updates().get(0).noteText().contains("198.51.100.23"));
    }

    @Test
    void dryRunRecordsAndNotifiesButEnforcesAndMarksNothing() {
        String event = Fixtures.event("securityhub-network-connection.json");
        JsonNode finding = StepInvoker.readTree(event).path("detail").path("findings").get(0);
        rig.securityHub.knownFinding(finding.path("Id").asText(), finding.path("ProductArn").asText());
        ObjectNode state = StepInvoker.recordIp(rig.adapters(DRY_RUN, notifier), event);
        assertAllOk(state);
        assertFalse(state.has("enforced"));
        assertEquals(0, rig.firewall.updates());
        assertTrue(rig.securityHub.updates().isEmpty());
        assertTrue(notifier.sent().get(0).subject().startsWith("[dry-run]"));
        List<BlockRecord> records = rig.blocklist().list("network-firewall");
        assertEquals(1, records.size());
        assertTrue(records.get(0).dryRun());
    }

    @Test
    void skippedFindingsBlockNothing() {
        ResponseAdapters adapters = rig.adapters(ENFORCING + "allow-list: [203.0.113.0/24]\n", notifier);
        for (String name : List.of("guardduty-actor.json", "guardduty-private-ip.json", "guardduty-low-severity.json",
                "guardduty-allow-listed.json", "securityhub-own-update.json", "unknown-finding-type.json")) {
            ObjectNode state = StepInvoker.recordIp(adapters, Fixtures.event(name));
            assertEquals("ok", state.path("plan").path("status").asText(), name);
            assertEquals(0, state.path("plan").path("actions").size(), name);
            assertTrue(state.path("plan").path("skipped").size() > 0, name + " says why");
            state.path("plan").path("skipped").forEach(s -> assertFalse(s.path("reason").asText().isBlank(), name));
        }
        assertEquals(0, rig.firewall.updates());
        assertTrue(notifier.sent().isEmpty());
    }

    @Test
    void malformedEventsAreSkippedWithReasons() throws Exception {
        ResponseAdapters adapters = rig.adapters(ENFORCING, notifier);
        List<Path> files = Fixtures.malformed();
        assertFalse(files.isEmpty());
        for (Path file : files) {
            knowFindingsOf(Files.readString(file));
            ObjectNode state = StepInvoker.recordIp(adapters, Files.readString(file));
            JsonNode plan = state.path("plan");
            assertEquals("ok", plan.path("status").asText(), file.toString());
            assertTrue(plan.path("skipped").size() > 0, file + " has a skip with a reason");
            if (state.has("stored")) {
                assertAllOk(state);
            }
        }
        // Exactly one malformed fixture carries a good finding among bad ones; only its address may be enforced.
        assertTrue(rig.firewall.droppedAddresses().size() <= 1);
    }

    @Test
    void noHandlerThrowsOnGarbage() {
        ResponseAdapters adapters = rig.adapters(ENFORCING, notifier);
        List<StepHandler> handlers = List.of(new DecideHandler(() -> adapters), new StoreHandler(() -> adapters),
                new EnforceHandler(() -> adapters), new NotifyHandler(() -> adapters), new PruneHandler(() -> adapters),
                new ReconcileHandler(() -> adapters));
        for (String garbage : List.of("", "null", "[1,2]", "{", "\"text\"", "{\"actions\": 7}",
                "{\"toEnforce\": [{\"point\": \"no-such-backend\", \"ips\": [\"198.51.100.1\"]}]}",
                "{\"toEnforce\": [{\"point\": \"network-firewall\", \"ips\": [\"not-an-ip\"]}]}",
                "{\"cursor\": \"%%%\"}", "{\"cursor\": 5, \"repair\": \"yes\"}")) {
            for (StepHandler handler : handlers) {
                JsonNode output = StepInvoker.invoke(handler, garbage);
                assertTrue(output.has("status"), handler.getClass().getSimpleName() + " on " + garbage);
            }
        }
        assertTrue(rig.firewall.droppedAddresses().isEmpty());
    }

    @Test
    void aBrokenEnvironmentIsAReasonedNonRetryableFailure() {
        JsonNode output = StepInvoker.invoke(new DecideHandler(() -> {
            throw new IllegalStateException("the function's environment is not usable: BLOCKLIST_TABLE is not set");
        }), Fixtures.event("guardduty-network-connection.json"));
        assertEquals("failed", output.path("status").asText());
        assertFalse(output.path("retryable").asBoolean());
        assertTrue(output.path("reason").asText().contains("BLOCKLIST_TABLE"));
    }

    @Test
    void aFailedStepIsNotifiedAsAFailureAndTheFindingIsNotMarked() {
        String event = Fixtures.event("securityhub-network-connection.json");
        JsonNode finding = StepInvoker.readTree(event).path("detail").path("findings").get(0);
        rig.securityHub.knownFinding(finding.path("Id").asText(), finding.path("ProductArn").asText());
        ResponseAdapters adapters = rig.adapters(ENFORCING, notifier);
        ObjectNode state = (ObjectNode) StepInvoker.readTree(event);
        state.set("plan", StepInvoker.invoke(new DecideHandler(() -> adapters), event));
        state.set("stored", StepInvoker.invoke(new StoreHandler(() -> adapters), state.get("plan")));
        ObjectNode caught = ResponseJson.mapper().createObjectNode();
        caught.put("Error", "States.Timeout").put("Cause", "Enforce timed out");
        state.set("error", caught);
        JsonNode notified = StepInvoker.invoke(new NotifyHandler(() -> adapters), state);
        assertEquals("ok", notified.path("status").asText(), "the failure notice itself was delivered");
        assertEquals("Portcullis workflow failed", notifier.sent().get(0).subject());
        assertTrue(notifier.sent().get(0).message().contains("States.Timeout"));
        assertTrue(rig.securityHub.updates().isEmpty());
    }

    @Test
    void anEnforcementPointThatCannotBeWrittenIsARetryableFailure() {
        ResponseAdapters working = rig.adapters(ENFORCING, notifier);
        ResponseAdapters wrongArn = new ResponseAdapters(working.config(), working.blocklist(), working.points(),
                new dev.portcullis.response.lambda.aws.AwsEnforcers(working.config(), rig.firewallClient, null, null,
                        java.util.Optional.of("arn:aws:network-firewall:us-east-1:123456789012:stateless-rulegroup/gone"),
                        java.util.Optional.empty(), java.util.Optional.empty()),
                working.notifier(), working.findingStatus(), working.clock());
        ObjectNode state = StepInvoker.recordIp(wrongArn, Fixtures.event("guardduty-network-connection.json"));
        assertEquals("failed", state.path("enforced").path("status").asText());
        assertTrue(state.path("enforced").path("retryable").asBoolean());
        assertEquals("Portcullis workflow failed", notifier.sent().get(0).subject());
        Set<IpAddress> stored = new HashSet<>();
        rig.blocklist().list("network-firewall").forEach(r -> stored.add(r.ip()));
        assertEquals(Set.of(IpAddress.of("198.51.100.23")), stored, "the record stays, so a retry or reconcile enforces it");
    }

    /** Security Hub knows whatever findings a readable event carries, as it would have imported them. */
    private void knowFindingsOf(String event) {
        try {
            ResponseJson.mapper().readTree(event).path("detail").path("findings").forEach(f -> {
                if (f.path("Id").isTextual() && f.path("ProductArn").isTextual()) {
                    rig.securityHub.knownFinding(f.path("Id").asText(), f.path("ProductArn").asText());
                }
            });
        } catch (java.io.IOException notJson) {
            // nothing to know
        }
    }

    private static void assertAllOk(JsonNode state) {
        for (String step : List.of("plan", "stored", "enforced", "notified")) {
            if (state.has(step)) {
                assertEquals("ok", state.path(step).path("status").asText(), step + ": " + state.path(step));
            }
        }
    }
}
