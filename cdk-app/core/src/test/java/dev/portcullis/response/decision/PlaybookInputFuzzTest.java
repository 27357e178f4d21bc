package dev.portcullis.response.decision;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.finding.MalformedEventException;
import dev.portcullis.response.flowlog.SubscriptionPayloads;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.PlannedAction;
import dev.portcullis.response.service.FlowLogKillSwitch;
import dev.portcullis.response.service.QuarantineResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Arbitrary bytes as a flow-log payload or a custom-action event: a plan or a reasoned refusal, never another
 * exception, and never a termination the configuration did not ask for. Seeds in
 * {@code PlaybookInputFuzzTestInputs/} replay under plain {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class PlaybookInputFuzzTest {

    private static final ResponseConfig CONFIG = ResponseConfig.defaults();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:16:00Z"), ZoneOffset.UTC);

    @FuzzTest(maxDuration = "1m")
    void flowLogPayload(byte[] input) {
        try {
            Plan plan = new FlowLogKillSwitch(CONFIG, Optional.empty(), CLOCK)
                    .plan(SubscriptionPayloads.decode(new String(input, StandardCharsets.UTF_8)));
            assertNotNull(plan);
            assertTrue(plan.actionsOf(PlannedAction.TerminateInstance.class).isEmpty(), "the default never terminates");
            plan.skipped().forEach(s -> assertFalse(s.reason().isBlank()));
        } catch (MalformedEventException e) {
            assertFalse(e.problems().isEmpty());
        }
    }

    @FuzzTest(maxDuration = "1m")
    void customAction(byte[] input) {
        com.fasterxml.jackson.databind.JsonNode json;
        try {
            json = ResponseJson.mapper().readTree(input);
        } catch (Exception notJson) {
            json = null;
        }
        Plan plan = new QuarantineResponse(CONFIG, Optional.empty()).plan(json, false);
        assertNotNull(plan);
        assertTrue(plan.actionsOf(PlannedAction.TerminateInstance.class).isEmpty());
    }
}
