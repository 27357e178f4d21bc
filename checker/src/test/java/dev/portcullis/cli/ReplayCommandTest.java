package dev.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code portcullis replay} over every event fixture, through {@link Main#run}: exit codes, the JSON plan's shape,
 * the actions and skips fixtures/events/README.md promises for each fixture, and how the options change the plan.
 */
class ReplayCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GUARDDUTY_RULE = "guardduty-finding";
    private static final String SECURITY_HUB_RULE = "securityhub-guardduty-import";
    private static final Set<String> ACTION_TYPES = Set.of("block-ip", "unblock-ip", "quarantine-instance",
            "snapshot-volume", "isolate-instance", "terminate-instance", "revoke-ingress", "notify", "update-finding");
    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(720);

    /** What replaying one fixture with the default configuration gives, as fixtures/events/README.md states it. */
    record Expected(String fixture, String rule, Set<String> blocked, List<String> skipCodes) {
        @Override
        public String toString() {
            return fixture;
        }
    }

    static List<Expected> fixtures() {
        return List.of(
                new Expected("guardduty-actor.json", GUARDDUTY_RULE, Set.of(), List.of("resource-is-actor")),
                // Without the partner configuration the scanner is an attacker like any other.
                new Expected("guardduty-allow-listed.json", GUARDDUTY_RULE, Set.of("203.0.113.10"), List.of()),
                // Replay keeps no blocklist, so "already blocked" is only seen by the deployed stack.
                new Expected("guardduty-already-blocked.json", GUARDDUTY_RULE, Set.of("198.51.100.23"), List.of()),
                new Expected("guardduty-aws-api-call.json", GUARDDUTY_RULE, Set.of("198.51.100.201"), List.of()),
                new Expected("guardduty-dns-request.json", null, Set.of(),
                        List.of("no-rule-matched", "resource-is-actor")),
                new Expected("guardduty-ipv6.json", GUARDDUTY_RULE, Set.of("2001:db8::8:800:200c:417a"), List.of()),
                new Expected("guardduty-kubernetes-api-call.json", GUARDDUTY_RULE, Set.of("192.0.2.201"), List.of()),
                new Expected("guardduty-low-severity.json", null, Set.of(),
                        List.of("below-threshold", "no-rule-matched")),
                new Expected("guardduty-network-connection.json", GUARDDUTY_RULE, Set.of("198.51.100.23"), List.of()),
                new Expected("guardduty-port-probe.json", GUARDDUTY_RULE,
                        Set.of("203.0.113.45", "192.0.2.77", "2001:db8:4f::17"), List.of()),
                new Expected("guardduty-private-ip.json", GUARDDUTY_RULE, Set.of(), List.of("non-internet-address")),
                new Expected("invalid-ips.json", GUARDDUTY_RULE, Set.of("198.51.100.61"),
                        List.of("invalid-ip", "invalid-ip", "invalid-ip", "invalid-ip")),
                new Expected("securityhub-actor.json", SECURITY_HUB_RULE, Set.of(), List.of("resource-is-actor")),
                new Expected("securityhub-aws-api-call.json", SECURITY_HUB_RULE, Set.of("198.51.100.201"), List.of()),
                new Expected("securityhub-low-severity.json", null, Set.of(),
                        List.of("below-threshold", "no-rule-matched")),
                new Expected("securityhub-multiple-findings.json", SECURITY_HUB_RULE,
                        Set.of("203.0.113.200", "203.0.113.45", "192.0.2.77", "2001:db8:4f::17"),
                        List.of("below-threshold")),
                new Expected("securityhub-network-connection.json", SECURITY_HUB_RULE, Set.of("198.51.100.23"),
                        List.of()),
                new Expected("securityhub-own-update.json", null, Set.of(), List.of("no-rule-matched", "own-update")),
                new Expected("securityhub-port-probe.json", SECURITY_HUB_RULE,
                        Set.of("203.0.113.45", "192.0.2.77", "2001:db8:4f::17"), List.of()),
                new Expected("securityhub-product-fields-only.json", SECURITY_HUB_RULE,
                        Set.of("2001:db8::8:800:200c:417a"), List.of()),
                new Expected("unknown-finding-type.json", GUARDDUTY_RULE, Set.of(), List.of("unknown-finding-type")));
    }

    static List<Path> malformedFixtures() {
        return jsonFiles(events().resolve("malformed"));
    }

    @Test
    void everyFixtureHasAnExpectation() {
        Set<String> files = new TreeSet<>();
        jsonFiles(events()).forEach(p -> files.add(p.getFileName().toString()));
        Set<String> covered = new TreeSet<>();
        fixtures().forEach(e -> covered.add(e.fixture()));
        assertEquals(files, covered, "a fixture was added or removed: say here what replay must make of it");
        assertFalse(malformedFixtures().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixturePlansAsDocumented(Expected expected) throws IOException {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CliRun run = CliRun.real("replay", event(expected.fixture()), "--format", "json");
        Instant after = Instant.now();
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        JsonNode plan = JSON.readTree(run.out());
        assertShape(plan);

        assertEquals(expected.rule() == null ? List.of() : List.of(expected.rule()), texts(plan.get("matchedRules")));
        assertEquals(new TreeSet<>(expected.blocked()), blocked(plan));
        assertEquals(expected.blocked().size(), blockActions(plan).size(), "each address is blocked once");
        List<String> codes = new ArrayList<>();
        plan.get("skipped").forEach(s -> codes.add(s.get("code").asText()));
        codes.sort(null);
        assertEquals(expected.skipCodes(), codes);

        for (JsonNode block : blockActions(plan)) {
            assertEquals("network-firewall", block.get("enforcer").asText(), "the default backend");
            Instant expiresAt = Instant.parse(block.get("expiresAt").asText());
            assertFalse(expiresAt.isBefore(before.plus(DEFAULT_LIFETIME)), expiresAt.toString());
            assertFalse(expiresAt.isAfter(after.plus(DEFAULT_LIFETIME)), expiresAt.toString());
        }
        for (JsonNode action : plan.get("actions")) {
            assertFalse(action.get("type").asText().equals("update-finding"),
                    "replay is a dry run: it never marks a Security Hub finding");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void textPlanNamesTheRulesAddressesAndReasons(Expected expected) {
        CliRun run = CliRun.real("replay", event(expected.fixture()));
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("Dry run: nothing is blocked, stored or sent."), run.out());
        assertTrue(run.out().contains("Matched rules: " + (expected.rule() == null ? "(none)" : expected.rule())),
                run.out());
        for (String ip : expected.blocked()) {
            assertTrue(run.out().lines().anyMatch(l -> l.contains("block-ip") && l.contains(" " + ip + " at ")),
                    ip + " in\n" + run.out());
        }
        for (String code : expected.skipCodes()) {
            assertTrue(run.out().contains(" " + code + ": "), code + " in\n" + run.out());
        }
    }

    @Test
    void dryRunIsAcceptedAndChangesNothing() throws IOException {
        JsonNode without = plan("replay", event("guardduty-port-probe.json"), "--format", "json");
        JsonNode with = plan("replay", event("guardduty-port-probe.json"), "--dry-run", "--format", "json");
        assertEquals(blocked(without), blocked(with));
        assertEquals(3, blocked(with).size());
        assertTrue(CliRun.real("replay", "--help").out().contains("always a dry run"));
    }

    @Test
    void allowListOptionSparesTheListedAddresses() throws IOException {
        JsonNode plan = plan("replay", event("guardduty-port-probe.json"), "--format", "json",
                "--allow-list", "192.0.2.0/24,2001:db8:4f::/48");
        assertEquals(Set.of("203.0.113.45"), blocked(plan));
        List<String> spared = new ArrayList<>();
        for (JsonNode skip : plan.get("skipped")) {
            assertEquals("allow-listed", skip.get("code").asText());
            spared.add(skip.get("ip").asText());
        }
        assertEquals(List.of("192.0.2.77", "2001:db8:4f::17"), spared.stream().sorted().toList());

        JsonNode repeated = plan("replay", event("guardduty-port-probe.json"), "--format", "json",
                "--allow-list", "192.0.2.77", "--allow-list", "203.0.113.0/24");
        assertEquals(Set.of("2001:db8:4f::17"), blocked(repeated));
    }

    @Test
    void configFileAllowListsThePartnerScanner() throws IOException {
        String config = events().resolve("config/partner-allow-list.yaml").toString();
        JsonNode plan = plan("replay", event("guardduty-allow-listed.json"), "--config", config, "--format", "json");
        assertEquals(List.of(GUARDDUTY_RULE), texts(plan.get("matchedRules")));
        assertEquals(Set.of(), blocked(plan));
        assertEquals("allow-listed", plan.get("skipped").get(0).get("code").asText());
        assertEquals("203.0.113.10", plan.get("skipped").get(0).get("ip").asText());
    }

    @Test
    void allowListOptionAddsToTheConfigFile() throws IOException {
        String config = events().resolve("config/partner-allow-list.yaml").toString();
        JsonNode plan = plan("replay", event("securityhub-multiple-findings.json"), "--config", config,
                "--allow-list", "192.0.2.77", "--format", "json");
        // 203.0.113.45 is in the file's partner range 203.0.113.0/25, 192.0.2.77 in the option's: both lists apply.
        assertEquals(Set.of("203.0.113.200", "2001:db8:4f::17"), blocked(plan));
    }

    @Test
    void minSeverityMovesTheThresholdOfPatternAndDecision() throws IOException {
        JsonNode high = plan("replay", event("guardduty-network-connection.json"), "--min-severity", "HIGH",
                "--format", "json");
        assertEquals(List.of(), texts(high.get("matchedRules")), "severity 5 is below HIGH: no rule matches");
        assertEquals(Set.of(), blocked(high));
        assertTrue(skipCodes(high).contains("below-threshold"));

        JsonNode low = plan("replay", event("guardduty-low-severity.json"), "--min-severity", "2",
                "--format", "json");
        assertEquals(List.of(GUARDDUTY_RULE), texts(low.get("matchedRules")));
        assertEquals(Set.of("192.0.2.150"), blocked(low));

        JsonNode hubLow = plan("replay", event("securityhub-low-severity.json"), "--min-severity", "low",
                "--format", "json");
        assertEquals(List.of(SECURITY_HUB_RULE), texts(hubLow.get("matchedRules")));
        assertEquals(Set.of("192.0.2.150"), blocked(hubLow));

        JsonNode onlyHigh = plan("replay", event("securityhub-multiple-findings.json"), "--min-severity", "7.5",
                "--format", "json");
        assertEquals(Set.of("203.0.113.200"), blocked(onlyHigh));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFixtures")
    void malformedEventIsExit3NamingTheFileOnOneLine(Path fixture) {
        CliRun run = CliRun.real("replay", fixture.toString(), "--format", "json");
        assertEquals(3, run.exit(), run.out() + run.err());
        assertEquals("", run.out(), "no plan for an event that cannot be read");
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith(fixture + ": malformed event: "), run.err());
        assertTrue(run.err().strip().length() > (fixture + ": malformed event: ").length(), "a reason is given");
    }

    @Test
    void missingEventFileIsExit3() {
        String missing = events().resolve("no-such-event.json").toString();
        CliRun run = CliRun.real("replay", missing);
        assertEquals(3, run.exit());
        assertEquals(List.of(missing + ": no such file"), run.errLines());

        CliRun directory = CliRun.real("replay", events().toString());
        assertEquals(3, directory.exit());
        assertTrue(directory.err().startsWith(events() + ": cannot read"), directory.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--allow-list=10.0.0.1/8", "--allow-list=not-an-ip", "--allow-list=192.0.2.0/33",
        "--allow-list=", "--min-severity=11", "--min-severity=SEVERE", "--min-severity=INFORMATIONAL",
        "--format=sarif", "--no-such-option"})
    void badOptionValuesAreUsageErrors(String option) {
        CliRun run = CliRun.real("replay", event("guardduty-network-connection.json"), option);
        assertEquals(2, run.exit(), run.err());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("portcullis: "), run.err());
    }

    @Test
    void missingEventArgumentIsAUsageError() {
        assertEquals(2, CliRun.real("replay").exit());
    }

    @Test
    void configErrorsAreExit3NamingFileAndKey(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("response.yaml");
        Files.writeString(config, "min-severity: 11\nallow-list: [10.0.0.1/8]\n");
        CliRun run = CliRun.real("replay", event("guardduty-network-connection.json"), "--config", config.toString());
        assertEquals(3, run.exit(), run.err());
        assertEquals("", run.out());
        assertTrue(run.errLines().stream().anyMatch(l -> l.startsWith(config + ": min-severity: ")), run.err());
        assertTrue(run.errLines().stream().anyMatch(l -> l.startsWith(config + ": allow-list")), run.err());

        Path missing = dir.resolve("absent.yaml");
        CliRun absent = CliRun.real("replay", event("guardduty-network-connection.json"), "--config",
                missing.toString());
        assertEquals(3, absent.exit());
        assertEquals(List.of(missing + ": (file): no such file"), absent.errLines());

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"backends\": [");
        CliRun unparsable = CliRun.real("replay", event("guardduty-network-connection.json"), "--config",
                broken.toString());
        assertEquals(3, unparsable.exit());
        assertTrue(unparsable.err().startsWith(broken + ": "), unparsable.err());
    }

    @Test
    void eventTextCannotBreakTheTextPlanIntoExtraLines(@TempDir Path dir) throws IOException {
        String original = Files.readString(events().resolve("invalid-ips.json"));
        assertTrue(original.contains("attacker.example.com"));
        Path hostile = dir.resolve("hostile.json");
        Files.writeString(hostile, original.replace("attacker.example.com", "evil\\nforged line\\u001b[2J"));
        CliRun run = CliRun.real("replay", hostile.toString());
        assertEquals(0, run.exit(), run.err());
        assertFalse(run.out().lines().anyMatch(l -> l.startsWith("forged line")), run.out());
        assertFalse(run.out().contains("\u001b"), "no terminal escapes from event data");
    }

    private static void assertShape(JsonNode plan) {
        assertEquals(List.of("matchedRules", "actions", "skipped"), names(plan.fieldNames()));
        assertTrue(plan.get("matchedRules").isArray());
        assertTrue(plan.get("actions").isArray());
        assertTrue(plan.get("skipped").isArray());
        for (JsonNode action : plan.get("actions")) {
            assertTrue(ACTION_TYPES.contains(action.path("type").asText()), action.toString());
        }
        for (JsonNode block : blockActions(plan)) {
            for (String field : List.of("ip", "enforcer", "expiresAt")) {
                assertTrue(block.path(field).isTextual(), field + " in " + block);
            }
        }
        for (JsonNode skip : plan.get("skipped")) {
            assertTrue(skip.has("ip"), skip.toString());
            assertTrue(skip.path("reason").isTextual() && !skip.get("reason").asText().isBlank(), skip.toString());
        }
    }

    private static JsonNode plan(String... args) throws IOException {
        CliRun run = CliRun.real(args);
        assertEquals(0, run.exit(), run.err());
        JsonNode plan = JSON.readTree(run.out());
        assertShape(plan);
        return plan;
    }

    private static List<JsonNode> blockActions(JsonNode plan) {
        List<JsonNode> blocks = new ArrayList<>();
        plan.get("actions").forEach(a -> {
            if (a.path("type").asText().equals("block-ip")) {
                blocks.add(a);
            }
        });
        return blocks;
    }

    private static Set<String> blocked(JsonNode plan) {
        Set<String> ips = new TreeSet<>();
        blockActions(plan).forEach(b -> ips.add(b.get("ip").asText()));
        return ips;
    }

    private static Set<String> skipCodes(JsonNode plan) {
        Set<String> codes = new TreeSet<>();
        plan.get("skipped").forEach(s -> codes.add(s.get("code").asText()));
        return codes;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> names(Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
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
