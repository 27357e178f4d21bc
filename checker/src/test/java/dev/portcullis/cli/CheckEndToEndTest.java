package dev.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The CLI over the real gate and fixture templates, as a user runs it. */
class CheckEndToEndTest {

    private static final String INSECURE = CliRun.fixture("insecure-bucket.yaml");
    private static final String OPEN_INGRESS = CliRun.fixture("open-ingress.json");
    private static final String MALFORMED = CliRun.fixture("malformed.yaml");

    @Test
    void malformedTemplateIsThreeWithOneLineNamingFileAndLine() {
        CliRun run = CliRun.real("check", MALFORMED);
        assertEquals(3, run.exit(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.errLines().get(0).startsWith(MALFORMED + ":"), run.err());
        assertTrue(run.errLines().get(0).matches(".*:\\d+: .+"), "names the line: " + run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void missingPathIsThreeNeverAPass() {
        CliRun run = CliRun.real("check", "no/such/template.yaml");
        assertEquals(3, run.exit(), run.err());
        assertTrue(run.err().contains("no/such/template.yaml"), run.err());
    }

    @Test
    void badInputAmongGoodFilesLosesNothing() throws IOException {
        CliRun run = CliRun.real("check", INSECURE, MALFORMED, OPEN_INGRESS, "--format", "json");
        assertEquals(3, run.exit(), run.err());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals(3, doc.get("summary").get("files").asInt());
        assertEquals(2, doc.get("summary").get("templates").asInt());
        assertEquals(1, doc.get("errors").size());
        assertEquals(MALFORMED, doc.get("errors").get(0).get("file").asText());
    }

    @Test
    void severalPathsGiveOneJsonDocument() throws IOException {
        CliRun run = CliRun.real("check", INSECURE, OPEN_INGRESS, "--format", "json", "--fail-on", "info");
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals(List.of("findings", "unknown", "errors", "summary"), names(doc));
        assertEquals(2, doc.get("summary").get("templates").asInt());
        assertEquals(0, doc.get("errors").size(), run.err());
        assertEquals(doc.get("findings").isEmpty() ? 0 : 1, run.exit());
        assertEquals(doc.get("findings").size(), doc.get("summary").get("findings").asInt());
    }

    /**
     * A world-writable bucket and SSH open to the internet are what the gate exists for: whatever the exact
     * rules, at least one of them must be reported as high or critical. This needs the rule catalog, not
     * just the plumbing.
     */
    @Test
    void insecureTemplateFailsTheGate() throws IOException {
        CliRun run = CliRun.real("check", INSECURE, "--format", "json", "--fail-on", "high");
        assertEquals(1, run.exit(), run.out() + run.err());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        List<String> severe = new ArrayList<>();
        doc.get("findings").forEach(f -> {
            if (List.of("critical", "high").contains(f.get("severity").asText())) {
                severe.add(f.get("resource").asText());
            }
        });
        assertTrue(severe.contains("Bucket") || severe.contains("SshOpen"), run.out());
    }

    @Test
    void textReportOverTheRealGate() {
        CliRun run = CliRun.real("check", INSECURE, OPEN_INGRESS, "--fail-on", "info");
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(lines.size() - 1).matches("(No findings|\\d+ findings? \\(.+\\)) in 2 templates"),
                run.out());
        for (String line : lines) {
            boolean headline = line.startsWith(INSECURE + ":") || line.startsWith(OPEN_INGRESS + ":");
            if (headline) {
                assertTrue(line.matches("\\S+:\\d+:\\d+  (critical|high|medium|low|info)  \\S+  \\S+  .+"), line);
            }
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
