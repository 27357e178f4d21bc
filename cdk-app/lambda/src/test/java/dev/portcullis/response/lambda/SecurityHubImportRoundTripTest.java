package dev.portcullis.response.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.decision.BlockDecision;
import dev.portcullis.response.events.EventMatcher;
import dev.portcullis.response.events.EventPatterns;
import dev.portcullis.response.lambda.localaws.MotoServer;
import dev.portcullis.response.lambda.localaws.MotoServerExtension;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.PlannedAction;
import dev.portcullis.response.plan.Skip;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;

/**
 * A GuardDuty finding as Security Hub holds it, end to end: the ASFF fixture is imported with BatchImportFindings
 * into moto_server, read back with GetFindings, wrapped as the "Security Hub Findings - Imported" event EventBridge
 * would deliver, matched against the stack's patterns and decided by the DecideHandler. What the round trip returns
 * must give the plan the fixture itself gives, so nothing the decision needs is lost on Security Hub's way.
 */
@ExtendWith(MotoServerExtension.class)
class SecurityHubImportRoundTripTest {
    private static final Instant NOW = Instant.parse("2026-11-20T10:16:00Z");
    private static final String IMPORT_RULE = "securityhub-guardduty-import";
    /** Enforcing, so the plan also says which Security Hub findings to mark NOTIFIED. */
    private static final ResponseConfig CONFIG = ResponseConfig.parse("dry-run: false\n", "round trip config");

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("securityhub-network-connection.json", true, Set.of("198.51.100.23")),
                Arguments.of("securityhub-port-probe.json", true, Set.of("203.0.113.45", "192.0.2.77", "2001:db8:4f::17")),
                Arguments.of("securityhub-aws-api-call.json", true, Set.of("198.51.100.201")),
                Arguments.of("securityhub-product-fields-only.json", true, Set.of("2001:db8::8:800:200c:417a")),
                Arguments.of("securityhub-multiple-findings.json", true,
                        Set.of("203.0.113.200", "203.0.113.45", "192.0.2.77", "2001:db8:4f::17")),
                Arguments.of("securityhub-actor.json", true, Set.of()),
                // Our own BatchUpdateFindings echo: the pattern filters it out and the decision skips it anyway.
                Arguments.of("securityhub-own-update.json", false, Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void importedFindingIsDecidedAsTheFixtureIs(String fixture, boolean matches, Set<String> blocked, MotoServer moto)
            throws IOException {
        String original = Fixtures.event(fixture);
        JsonNode asff = StepInvoker.readTree(original).path("detail").path("findings");
        List<AwsSecurityFinding> findings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        asff.forEach(f -> findings.add(AsffJson.finding(f, problems)));
        assertEquals(List.of(), problems, fixture + " is ASFF as the Security Hub API models it");

        List<AwsSecurityFinding> returned;
        try (SecurityHubClient hub = moto.configure(SecurityHubClient.builder()).build()) {
            BatchImportFindingsResponse imported = hub.batchImportFindings(b -> b.findings(findings));
            assertEquals(0, imported.failedCount(), imported.failedFindings().toString());
            assertEquals(findings.size(), imported.successCount());
            returned = hub.getFindings(b -> b.maxResults(100)).findings();
        }
        assertEquals(findings.stream().map(AwsSecurityFinding::id).toList(),
                returned.stream().map(AwsSecurityFinding::id).toList());

        String event = importedEvent(returned).toString();
        List<String> rules = new EventMatcher(EventPatterns.from(CONFIG)).matchingRules(event);
        assertEquals(matches ? List.of(IMPORT_RULE) : List.of(), rules);

        JsonNode output = StepInvoker.invoke(new DecideHandler(() -> decideOnly()), event);
        assertEquals("ok", output.path("status").asText(), output.toString());
        // The step output is the plan plus the status fields, as the state machine passes it on.
        Plan plan = StepHandler.LENIENT.forType(Plan.class).readValue(output);
        Set<String> planned = new TreeSet<>();
        plan.blocks().forEach(b -> planned.add(b.ip().toString()));
        assertEquals(new TreeSet<>(blocked), planned);

        Plan direct = new BlockDecision(CONFIG).decideEvent(original, NOW);
        assertEquals(direct.actions(), plan.actions(), "the round trip keeps everything the decision reads");
        assertEquals(direct.skipped().stream().map(Skip::code).toList(),
                plan.skipped().stream().map(Skip::code).toList());

        Set<String> marked = new TreeSet<>();
        plan.actionsOf(PlannedAction.UpdateFinding.class).forEach(u -> marked.add(u.findingId()));
        Set<String> withBlocks = new TreeSet<>();
        plan.blocks().forEach(b -> withBlocks.add(b.findingId()));
        assertEquals(withBlocks, marked, "each finding that led to a block is marked NOTIFIED, no other");
        assertTrue(returned.stream().map(AwsSecurityFinding::id).toList().containsAll(marked));
    }

    /** The event EventBridge delivers for Security Hub imports, around the findings as GetFindings returned them. */
    private static ObjectNode importedEvent(List<AwsSecurityFinding> findings) {
        ObjectNode event = ResponseJson.mapper().createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.nameUUIDFromBytes(findings.get(0).id().getBytes(StandardCharsets.UTF_8)).toString());
        event.put("detail-type", "Security Hub Findings - Imported");
        event.put("source", "aws.securityhub");
        event.put("account", findings.get(0).awsAccountId());
        event.put("time", NOW.toString());
        event.put("region", findings.get(0).region());
        ArrayNode resources = event.putArray("resources");
        findings.forEach(f -> resources.add(f.productArn() + "/" + f.id()));
        ArrayNode detail = event.putObject("detail").putArray("findings");
        findings.forEach(f -> detail.add(AsffJson.json(f)));
        return event;
    }

    /** The decide step reads only the configuration and the clock; the other ports stay unset on purpose. */
    private static ResponseAdapters decideOnly() {
        return new ResponseAdapters(CONFIG, null, null, null, null, null, Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
