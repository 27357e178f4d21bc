package dev.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code portcullis replay} on the instance playbooks' inputs: Security Hub custom actions (Quarantine, Release) and
 * CloudWatch Logs flow-log payloads, as fixtures/events/README.md describes them; malformed ones are exit 3.
 */
class PlaybookReplayCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String THREATS = "config/flow-log-threat-list.yaml";

    /** A fixture under fixtures/events, the configuration it is replayed with, and what the plan must hold. */
    record Expected(String fixture, String config, List<String> rules, List<String> actionTypes,
                    List<String> skipCodes) {
        @Override
        public String toString() {
            return fixture + (config == null ? "" : " with " + config);
        }
    }

    static List<Expected> fixtures() {
        return List.of(
                new Expected("quarantine/custom-action-quarantine.json", null, List.of("securityhub-quarantine"),
                        List.of("notify", "quarantine-instance", "quarantine-instance", "snapshot-volume",
                                "snapshot-volume", "update-finding", "update-finding", "update-finding"),
                        List.of("no-instance")),
                new Expected("quarantine/custom-action-release.json", null, List.of("securityhub-release"),
                        List.of("notify", "release-instance", "update-finding"), List.of()),
                new Expected("quarantine/custom-action-other-action.json", null, List.of(), List.of(),
                        List.of("no-rule-matched", "unknown-custom-action")),
                new Expected("flow-logs/default-format-reject.json", null, List.of("flow-log-subscription"),
                        List.of("isolate-instance", "notify", "snapshot-volume"),
                        List.of("no-trigger", "no-trigger", "no-trigger", "no-trigger")),
                new Expected("flow-logs/default-format-reject.awslogs.json", null, List.of("flow-log-subscription"),
                        List.of("isolate-instance", "notify", "snapshot-volume"),
                        List.of("no-trigger", "no-trigger", "no-trigger", "no-trigger")),
                new Expected("flow-logs/known-bad-contact.awslogs.json", null, List.of("flow-log-subscription"),
                        // Without the threat list: two outbound ACCEPTs and an inbound ACCEPT, counted per kind.
                        List.of(), List.of("no-trigger", "no-trigger")),
                new Expected("flow-logs/known-bad-contact.awslogs.json", THREATS, List.of("flow-log-subscription"),
                        List.of("notify", "snapshot-volume", "terminate-instance"), List.of("no-trigger")),
                new Expected("flow-logs/custom-format-scan.json", null, List.of("flow-log-subscription"), List.of(),
                        List.of("unreadable-record", "unreadable-record", "unreadable-record", "unreadable-record")),
                new Expected("flow-logs/custom-format-scan.json", THREATS, List.of("flow-log-subscription"),
                        List.of("notify", "snapshot-volume", "terminate-instance"),
                        List.of("no-trigger", "no-trigger")),
                new Expected("flow-logs/unknown-interface.json", null, List.of("flow-log-subscription"),
                        List.of("isolate-instance", "notify", "snapshot-volume"), List.of()),
                new Expected("flow-logs/control-message.json", null, List.of("flow-log-subscription"), List.of(),
                        List.of("unsupported-event")));
    }

    @Test
    void everyPlaybookFixtureHasAnExpectation() {
        Set<String> files = new TreeSet<>();
        for (String dir : List.of("quarantine", "flow-logs")) {
            jsonFiles(events().resolve(dir)).forEach(p -> files.add(dir + "/" + p.getFileName()));
        }
        Set<String> covered = new TreeSet<>();
        fixtures().forEach(e -> covered.add(e.fixture()));
        assertEquals(files, covered);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void plansAsDocumented(Expected expected) throws IOException {
        List<String> args = new ArrayList<>(List.of("replay", event(expected.fixture()), "--format", "json"));
        if (expected.config() != null) {
            args.addAll(List.of("--config", event(expected.config())));
        }
        CliRun run = CliRun.real(args.toArray(String[]::new));
        assertEquals(0, run.exit(), run.err());
        JsonNode plan = JSON.readTree(run.out());
        assertEquals(expected.rules(), texts(plan.get("matchedRules")));
        List<String> types = new ArrayList<>();
        plan.get("actions").forEach(a -> types.add(a.get("type").asText()));
        types.sort(null);
        assertEquals(expected.actionTypes(), types);
        List<String> codes = new ArrayList<>();
        plan.get("skipped").forEach(s -> codes.add(s.get("code").asText()));
        codes.sort(null);
        assertEquals(expected.skipCodes(), codes);
        // A custom action is planned as the stack acts on it (a person asked: findings are marked NOTIFIED); the
        // kill switch, which acts on its own, is planned as a dry run and never marks findings.
        assertEquals(expected.fixture().startsWith("quarantine/") && !expected.skipCodes().contains("no-rule-matched"),
                types.contains("update-finding"), "update-finding only for custom actions");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void textPlanSaysItIsADryRun(Expected expected) {
        CliRun run = CliRun.real("replay", event(expected.fixture()));
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("Dry run: nothing is blocked, stored or sent."), run.out());
    }

    static List<Path> malformed() {
        List<Path> out = new ArrayList<>(jsonFiles(events().resolve("quarantine/malformed")));
        out.addAll(jsonFiles(events().resolve("flow-logs/malformed")));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedInputIsExit3WithTheFileAndReason(Path file) {
        CliRun run = CliRun.real("replay", file.toString());
        assertEquals(3, run.exit(), run.out() + run.err());
        assertTrue(run.err().startsWith(file + ": malformed event: "), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Path events() {
        String root = System.getProperty("portcullis.root");
        return Path.of(root == null ? ".." : root, "fixtures", "events");
    }

    private static String event(String name) {
        return events().resolve(name).toString();
    }

    private static List<Path> jsonFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
