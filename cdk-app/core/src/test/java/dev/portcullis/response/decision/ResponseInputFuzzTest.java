package dev.portcullis.response.decision;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.portcullis.response.config.InvalidConfigException;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.net.NonInternetRanges;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.PlannedAction.BlockIp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Arbitrary bytes as an event must give a plan, never an exception, and never a block of an address that may not be
 * blocked. Arbitrary bytes as a configuration must give a configuration or an {@link InvalidConfigException}.
 * Under plain {@code mvn test} this replays the seeds in {@code ResponseInputFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} it fuzzes.
 */
class ResponseInputFuzzTest {

    private static final BlockDecision DECISION = new BlockDecision(ResponseConfig.defaults().withDryRun(false));
    private static final Instant NOW = Instant.parse("2026-11-20T10:16:00Z");

    @FuzzTest(maxDuration = "2m")
    void event(byte[] input) {
        Plan plan = DECISION.decideEvent(new String(input, StandardCharsets.UTF_8), NOW);
        assertNotNull(plan);
        for (BlockIp block : plan.blocks()) {
            assertTrue(NonInternetRanges.classify(block.ip()).isEmpty(), block.toString());
            assertTrue(block.expiresAt().isAfter(NOW));
        }
        plan.skipped().forEach(skip -> assertFalse(skip.reason().isBlank()));
    }

    @FuzzTest(maxDuration = "2m")
    void config(byte[] input) {
        try {
            assertNotNull(ResponseConfig.parse(new String(input, StandardCharsets.UTF_8), "fuzz.yaml"));
        } catch (InvalidConfigException e) {
            assertFalse(e.errors().isEmpty());
        }
    }
}
