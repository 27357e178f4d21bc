package dev.portcullis.response.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.response.Fixtures;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.finding.MalformedEventException;
import dev.portcullis.response.net.Cidr;
import dev.portcullis.response.plan.PlannedAction;
import dev.portcullis.response.plan.Skip;
import dev.portcullis.response.plan.SkipReason;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:16:00Z");

    @Test
    void planJsonHasTheDocumentedShape() throws Exception {
        ReplayResult result = new Replay(ResponseConfig.defaults().withDryRun(false))
                .run(Fixtures.event("guardduty-network-connection.json"), NOW);
        JsonNode json = ResponseJson.mapper().valueToTree(result);
        assertEquals(List.of("matchedRules", "actions", "skipped"), iterable(json.fieldNames()));
        assertEquals("guardduty-finding", json.get("matchedRules").get(0).asText());
        JsonNode block = json.get("actions").get(0);
        assertEquals("block-ip", block.get("type").asText());
        assertEquals("198.51.100.23", block.get("ip").asText());
        assertEquals("network-firewall", block.get("enforcer").asText());
        assertEquals("2026-12-20T10:16:00Z", block.get("expiresAt").asText());
        assertEquals("notify", json.get("actions").get(1).get("type").asText());
        assertTrue(result.actions().stream().noneMatch(a -> a instanceof PlannedAction.UpdateFinding),
                "replay is always a dry run");
    }

    @Test
    void actionsRoundTripThroughJson() throws Exception {
        ReplayResult result = new Replay(ResponseConfig.defaults()).run(Fixtures.event("securityhub-port-probe.json"), NOW);
        String json = ResponseJson.mapper().writeValueAsString(result);
        ReplayResult back = ResponseJson.mapper().readValue(json, ReplayResult.class);
        assertEquals(result, back);
    }

    @Test
    void skipsAreListedWithReasons() throws Exception {
        ResponseConfig config = ResponseConfig.defaults().withAllowList(List.of(Cidr.parse("192.0.2.0/24")));
        ReplayResult result = new Replay(config).run(Fixtures.event("guardduty-port-probe.json"), NOW);
        assertEquals(List.of("guardduty-finding"), result.matchedRules());
        JsonNode skipped = ResponseJson.mapper().valueToTree(result).get("skipped").get(0);
        assertEquals("192.0.2.77", skipped.get("ip").asText());
        assertEquals("allow-listed", skipped.get("code").asText());
        assertTrue(skipped.get("reason").asText().contains("192.0.2.0/24"));
    }

    @Test
    void fixtureConfigAllowListsThePartnerScanner() throws Exception {
        ResponseConfig config = ResponseConfig.fromFile(Fixtures.dir().resolve("config/partner-allow-list.yaml"));
        ReplayResult result = new Replay(config).run(Fixtures.event("guardduty-allow-listed.json"), NOW);
        assertEquals(List.of("guardduty-finding"), result.matchedRules());
        assertEquals(List.of(), result.actions());
        assertEquals(SkipReason.ALLOW_LISTED, result.skipped().get(0).code());
    }

    @Test
    void unmatchedEventRunsNothingAndSaysWhy() throws Exception {
        ReplayResult low = new Replay(ResponseConfig.defaults()).run(Fixtures.event("guardduty-low-severity.json"), NOW);
        assertEquals(List.of(), low.matchedRules());
        assertEquals(List.of(), low.actions());
        assertTrue(low.skipped().stream().anyMatch(s -> s.code() == SkipReason.NO_RULE_MATCHED));
        assertTrue(low.skipped().stream().anyMatch(s -> s.code() == SkipReason.BELOW_THRESHOLD));

        ReplayResult own = new Replay(ResponseConfig.defaults()).run(Fixtures.event("securityhub-own-update.json"), NOW);
        assertEquals(List.of(), own.actions());
        assertEquals(List.of(SkipReason.NO_RULE_MATCHED, SkipReason.OWN_UPDATE),
                own.skipped().stream().map(Skip::code).distinct().toList());
    }

    @Test
    void everyWellFormedFixtureReplays() throws Exception {
        Replay replay = new Replay(ResponseConfig.defaults());
        for (Path fixture : Fixtures.wellFormed()) {
            ReplayResult result = replay.run(Fixtures.read(fixture), NOW);
            assertFalse(result.actions().isEmpty() && result.skipped().isEmpty(), fixture.toString());
            ResponseJson.mapper().writeValueAsString(result);
        }
    }

    @Test
    void malformedFixturesAreErrorsWithReasons() {
        Replay replay = new Replay(ResponseConfig.defaults());
        for (Path fixture : Fixtures.malformed()) {
            MalformedEventException e = assertThrows(MalformedEventException.class,
                    () -> replay.run(Fixtures.read(fixture), NOW), fixture.toString());
            assertFalse(e.problems().isEmpty());
        }
    }

    @Test
    void replayIsAlwaysDryRun() {
        assertTrue(new Replay(ResponseConfig.defaults().withDryRun(false)).config().dryRun());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
