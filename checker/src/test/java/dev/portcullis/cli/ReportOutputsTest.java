package dev.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.portcullis.report.RuleDescription;
import dev.portcullis.report.SarifSchema;

/** The SARIF, JUnit and GitHub formats from the CLI over the real gate, and several reports from one run. */
class ReportOutputsTest {

    private static final String BUCKET_YAML = """
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  AccessControl: PublicReadWrite
            """;

    /** The same template with the resource further down and reformatted. */
    private static final String BUCKET_YAML_MOVED = """
            AWSTemplateFormatVersion: "2010-09-09"
            Description: >-
              The same bucket,
              further down the file.

            Resources:


              Bucket:
                Type:       AWS::S3::Bucket
                Properties: {AccessControl: PublicReadWrite}
            """;

    private static final String BUCKET_JSON = """
            {"AWSTemplateFormatVersion": "2010-09-09",
             "Resources": {
               "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"AccessControl": "PublicReadWrite"}}}}
            """;

    private static final String SCENARIO_YAML = """
            Parameters:
              Env:
                Type: String
                AllowedValues: [prod, dev]
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  AccessControl: !If [IsProd, Private, PublicReadWrite]
            """;

    private static final Set<String> BUILT_IN = RuleDescription.builtIn().stream().map(RuleDescription::id)
            .collect(Collectors.toSet());

    @TempDir
    Path dir;

    private String write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file.toString();
    }

    @Test
    void sarifIsSchemaValidWithRulesResultsScenariosAndNotifications() throws IOException {
        String bucket = write("bucket.yaml", BUCKET_YAML);
        String scenario = write("scenario.yaml", SCENARIO_YAML);
        String bad = write("bad.yaml", "Resources:\n  Bucket: [\n");
        CliRun run = CliRun.real("check", bucket, scenario, bad, "--format", "sarif");
        assertEquals(3, run.exit(), run.err());
        JsonNode sarif = SarifSchema.assertValid(run.out());
        JsonNode log = sarif.get("runs").get(0);

        JsonNode driver = log.get("tool").get("driver");
        assertEquals("portcullis", driver.get("name").asText());
        JsonNode rules = driver.get("rules");
        Map<String, JsonNode> byId = new HashMap<>();
        rules.forEach(r -> byId.put(r.get("id").asText(), r));
        for (String builtIn : List.of("schema-unknown-property", "macro-not-expanded", "foreach-not-expanded",
                "conditions-over-budget")) {
            assertTrue(byId.containsKey(builtIn), builtIn);
        }

        JsonNode results = log.get("results");
        assertFalse(results.isEmpty(), run.out());
        boolean scenarioSeen = false;
        for (JsonNode result : results) {
            JsonNode rule = rules.get(result.get("ruleIndex").asInt());
            assertEquals(result.get("ruleId").asText(), rule.get("id").asText());
            assertEquals(rule.get("defaultConfiguration").get("level").asText(), result.get("level").asText());
            scenarioSeen |= result.has("properties") && result.get("properties").has("scenario")
                    && result.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri")
                            .asText().endsWith("scenario.yaml");
            if (!BUILT_IN.contains(rule.get("id").asText())) {
                assertTrue(rule.get("helpUri").asText().matches(
                        "https://github\\.com/portcullis-dev/portcullis/blob/main/docs/rules/[a-z0-9-]+/"
                                + rule.get("id").asText() + "\\.md"), rule.toString());
                assertFalse(rule.get("help").get("markdown").asText().isBlank());
                assertFalse(rule.get("fullDescription").get("text").asText().isBlank());
                assertTrue(rule.get("properties").get("tags").get(0).asText().equals("security"));
                assertTrue(rule.get("properties").get("security-severity").asText().matches("\\d+\\.\\d"));
            }
        }
        assertTrue(scenarioSeen, "a finding that holds only when IsProd is false: " + run.out());

        JsonNode invocation = log.get("invocations").get(0);
        assertTrue(invocation.get("executionSuccessful").asBoolean());
        JsonNode note = invocation.get("toolExecutionNotifications").get(0);
        assertEquals("error", note.get("level").asText());
        JsonNode where = note.get("locations").get(0).get("physicalLocation");
        assertTrue(where.get("artifactLocation").get("uri").asText().endsWith("/bad.yaml"), note.toString());
        assertTrue(where.get("region").get("startLine").asInt() >= 2, note.toString());

        String cwd = Path.of("").toAbsolutePath().toUri().toString();
        assertEquals(cwd.endsWith("/") ? cwd : cwd + "/",
                log.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asText());
    }

    @Test
    void fingerprintSurvivesMovingTheResourceAndConvertingToJson() throws IOException {
        String yaml = write("t.yaml", BUCKET_YAML);
        Map<String, JsonNode> first = resultsByRule(yaml);
        assertFalse(first.isEmpty());

        write("t.yaml", BUCKET_YAML_MOVED);
        Map<String, JsonNode> moved = resultsByRule(yaml);
        Files.delete(Path.of(yaml));
        Map<String, JsonNode> json = resultsByRule(write("t.json", BUCKET_JSON));

        assertEquals(first.keySet(), moved.keySet());
        assertEquals(first.keySet(), json.keySet());
        for (String rule : first.keySet()) {
            assertNotEquals(line(first.get(rule)), line(moved.get(rule)), rule);
            assertEquals(fingerprint(first.get(rule)), fingerprint(moved.get(rule)), rule);
            assertEquals(fingerprint(first.get(rule)), fingerprint(json.get(rule)), rule);
        }
    }

    @Test
    void severalReportsFromOneRun() throws Exception {
        String bucket = write("bucket.yaml", BUCKET_YAML);
        Path sarif = dir.resolve("out").resolve("results.sarif");
        Files.createDirectories(sarif.getParent());
        Path junit = dir.resolve("out").resolve("results.xml");
        Path json = dir.resolve("out").resolve("results.json");
        CliRun run = CliRun.real("check", bucket, "--output", "sarif=" + sarif, "--output", "junit=" + junit,
                "--output", "text=-", "--format", "json", "--output", json.toString());
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\d+ findings? .* in 1 template")), run.out());
        JsonNode log = SarifSchema.assertValid(Files.readString(sarif));
        int results = log.get("runs").get(0).get("results").size();
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals(results, report.get("findings").size());
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertTrue(xml.getElementsByTagName("failure").getLength() >= 1);
    }

    @Test
    void githubAnnotationsOnStandardOutput() throws IOException {
        String bucket = write("bucket.yaml", BUCKET_YAML);
        CliRun run = CliRun.real("check", bucket, "--format", "github");
        assertEquals(1, run.exit(), run.err());
        assertFalse(run.out().isEmpty());
        run.out().lines().forEach(l -> assertTrue(
                l.matches("::(error|warning|notice) file=[^,]*bucket\\.yaml,line=\\d+,col=\\d+,title=[a-z0-9-]+::.+"),
                l));
    }

    @Test
    void twoReportsToOneDestinationIsAUsageError() throws IOException {
        String bucket = write("bucket.yaml", BUCKET_YAML);
        CliRun run = CliRun.real("check", bucket, "--output", "json=-", "--output", "text=-");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("standard output"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void rulesAreListedOnlyAsTextOrJson() {
        CliRun run = CliRun.real("rules", "list", "--format", "sarif");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("text or json"), run.err());
    }

    @Test
    void helpNamesTheFormatsAndRepeatableOutput() {
        CliRun run = CliRun.real("check", "--help");
        assertEquals(0, run.exit());
        String help = run.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("sarif") && help.contains("junit") && help.contains("github"), run.out());
        assertTrue(help.contains("--output sarif=results.sarif --output text=-"), run.out());
    }

    private static Map<String, JsonNode> resultsByRule(String template) throws IOException {
        CliRun run = CliRun.real("check", template, "--format", "sarif", "--fail-on", "info");
        JsonNode log = SarifSchema.assertValid(run.out());
        Map<String, JsonNode> byRule = new HashMap<>();
        log.get("runs").get(0).get("results").forEach(r -> byRule.put(r.get("ruleId").asText(), r));
        return byRule;
    }

    private static String fingerprint(JsonNode result) {
        return result.get("partialFingerprints").get("portcullis/v1").asText();
    }

    private static int line(JsonNode result) {
        return result.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt();
    }
}
