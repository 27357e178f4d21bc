package dev.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code portcullis rules ...} and the rule options of {@code check}, over the real gate and catalog. */
class RulesCommandTest {

    @TempDir
    Path dir;

    private static final String RULE = """
            id: queue-encrypted
            title: Queues are encrypted
            severity: high
            resourceTypes: [AWS::SQS::Queue]
            assert:
              any:
                - exists: KmsMasterKeyId
                - equals: {path: SqsManagedSseEnabled, value: true}
            message: "Queue {resource} is not encrypted"
            remediation: Set KmsMasterKeyId.
            rationale: Messages at rest should be encrypted.
            """;

    private static final String FIXTURE = """
            Resources:
              # ruleid: queue-encrypted
              Plain:
                Type: AWS::SQS::Queue
                Properties:
                  SqsManagedSseEnabled: false
              # ok: queue-encrypted
              Keyed:
                Type: AWS::SQS::Queue
                Properties:
                  KmsMasterKeyId: alias/aws/sqs
            """;

    private Path rules(String rule, String fixture) throws IOException {
        Path sqs = Files.createDirectories(dir.resolve("mine/sqs"));
        Files.writeString(sqs.resolve("queue-encrypted.rule.yaml"), rule);
        if (fixture != null) {
            Files.writeString(sqs.resolve("queue-encrypted.test.yaml"), fixture);
        }
        return dir.resolve("mine");
    }

    @Test
    void listShowsEveryRuleOfThePackWithACount() throws IOException {
        CliRun run = CliRun.real("rules", "list", "--format", "json");
        assertEquals(0, run.exit(), run.err());
        JsonNode rules = new ObjectMapper().readTree(run.out()).get("rules");
        assertTrue(rules.size() > 0);
        for (JsonNode r : rules) {
            for (String field : List.of("id", "title", "severity", "resourceTypes", "controls", "equivalents",
                    "message", "remediation", "rationale", "references", "file")) {
                assertTrue(r.has(field), field + " missing in " + r);
            }
        }
        CliRun text = CliRun.real("rules", "list");
        assertEquals(rules.size() + 1, text.out().lines().count(), "one line per rule and a count");
        assertTrue(text.out().lines().reduce((a, b) -> b).orElseThrow().startsWith(rules.size() + " rules"));
    }

    @Test
    void aPackSelectsASubset() throws IOException {
        JsonNode all = new ObjectMapper().readTree(CliRun.real("rules", "list", "--format", "json").out());
        JsonNode fsbp = new ObjectMapper().readTree(CliRun.real("rules", "list", "--pack", "fsbp", "--format", "json")
                .out());
        assertTrue(fsbp.get("rules").size() <= all.get("rules").size());
        for (JsonNode r : fsbp.get("rules")) {
            boolean mapped = false;
            for (JsonNode c : r.get("controls")) {
                mapped |= c.asText().matches("[A-Za-z][A-Za-z0-9]*\\.[0-9]+");
            }
            assertTrue(mapped, r.get("id") + " has no FSBP control");
        }
    }

    @Test
    void anUnknownPackIsAUsageError() {
        CliRun list = CliRun.real("rules", "list", "--pack", "nope");
        assertEquals(2, list.exit());
        assertTrue(list.err().contains("no rule pack 'nope'"), list.err());
        CliRun check = CliRun.real("check", CliRun.fixture("insecure-bucket.yaml"), "--pack", "nope");
        assertEquals(2, check.exit());
        CliRun disable = CliRun.real("check", CliRun.fixture("insecure-bucket.yaml"), "--disable", "no-such-rule");
        assertEquals(2, disable.exit());
        assertTrue(disable.err().contains("no-such-rule"), disable.err());
    }

    @Test
    void explainShowsRationaleRemediationAndExamples() throws IOException {
        Path mine = rules(RULE, FIXTURE);
        CliRun run = CliRun.real("rules", "explain", "queue-encrypted", "--rules", mine.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("Messages at rest should be encrypted."), run.out());
        assertTrue(run.out().contains("Set KmsMasterKeyId."), run.out());
        assertTrue(run.out().contains("Non-compliant\n  Plain:\n"), run.out());
        assertTrue(run.out().contains("Compliant\n  Keyed:\n"), run.out());
        assertFalse(run.out().contains("# ok:"), "annotations are not part of the examples");
        assertEquals(2, CliRun.real("rules", "explain", "no-such-rule").exit());
    }

    @Test
    void testPassesRulesWhoseFixturesMatch() throws IOException {
        CliRun run = CliRun.real("rules", "test", rules(RULE, FIXTURE).toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("PASS  queue-encrypted"), run.out());
        assertTrue(run.out().contains("1 rule tested, 0 failed"), run.out());
    }

    @Test
    void testFailsAndNamesTheLinesThatDiffer() throws IOException {
        String wrong = FIXTURE.replace("  # ruleid: queue-encrypted\n  Plain:", "  Plain:")
                .replace("      SqsManagedSseEnabled: false", "      # ruleid: queue-encrypted\n      SqsManagedSseEnabled: false");
        CliRun run = CliRun.real("rules", "test", rules(RULE, wrong).toString());
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("FAIL  queue-encrypted"), run.out());
        assertTrue(run.out().contains("line 6: expected a finding, none reported"), run.out());
        assertTrue(run.out().contains("line 2: unexpected finding: Queue Plain is not encrypted"), run.out());
    }

    @Test
    void aMissingFixtureFailsTheTest() throws IOException {
        CliRun run = CliRun.real("rules", "test", rules(RULE, null).toString());
        assertEquals(1, run.exit());
        assertTrue(run.out().contains("no fixture"), run.out());
    }

    @Test
    void aMalformedCustomRuleIsExitThreeNamingFileAndLine() throws IOException {
        Path mine = rules(RULE.replace("exists: KmsMasterKeyId", "exist: KmsMasterKeyId"), FIXTURE);
        CliRun test = CliRun.real("rules", "test", mine.toString());
        assertEquals(3, test.exit());
        String file = mine + "/sqs/queue-encrypted.rule.yaml";
        assertTrue(test.err().startsWith(file + ":7: "), test.err());
        CliRun check = CliRun.real("check", CliRun.fixture("insecure-bucket.yaml"), "--rules", mine.toString(),
                "--format", "json");
        assertEquals(3, check.exit(), check.err());
        assertTrue(check.err().contains(file + ":7: "), check.err());
        assertFalse(check.err().contains("\tat "), "no stack trace");
        JsonNode doc = new ObjectMapper().readTree(check.out());
        assertEquals(1, doc.get("summary").get("templates").asInt(), "the template was still checked");
    }

    @Test
    void customRulesRunInACheckAndCanBeDisabled() throws IOException {
        Path mine = rules(RULE, FIXTURE);
        Path template = Files.writeString(dir.resolve("queue.yaml"), FIXTURE);
        CliRun run = CliRun.real("check", template.toString(), "--rules", mine.toString(), "--format", "json",
                "--pack", "fsbp");
        JsonNode doc = new ObjectMapper().readTree(run.out());
        long mineFound = 0;
        for (JsonNode f : doc.get("findings")) {
            if (f.get("ruleId").asText().equals("queue-encrypted")) {
                mineFound++;
                assertEquals(3, f.get("line").asInt());
            }
        }
        assertEquals(1, mineFound, run.out());
        CliRun disabled = CliRun.real("check", template.toString(), "--rules", mine.toString(), "--format", "json",
                "--disable", "queue-encrypted");
        assertFalse(disabled.out().contains("\"queue-encrypted\""), disabled.out());
    }

    @Test
    void showUnknownListsWhatTheTemplateDoesNotDecide() throws IOException {
        Path mine = rules(RULE, FIXTURE);
        Path template = Files.writeString(dir.resolve("param.yaml"), """
                Parameters:
                  Sse: {Type: String}
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      SqsManagedSseEnabled: !Ref Sse
                """);
        CliRun hidden = CliRun.real("check", template.toString(), "--rules", mine.toString(), "--pack", "fsbp");
        assertTrue(hidden.out().matches("(?s).*\\d+ undetermined.*"), hidden.out());
        assertFalse(hidden.out().contains("parameter Sse"), hidden.out());
        CliRun shown = CliRun.real("check", template.toString(), "--rules", mine.toString(), "--pack", "fsbp",
                "--show-unknown");
        assertTrue(shown.out().contains("unknown  queue-encrypted  Queue  SqsManagedSseEnabled is not determined"),
                shown.out());
    }
}
