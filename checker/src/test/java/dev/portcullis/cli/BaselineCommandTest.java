package dev.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.portcullis.report.Json;
import dev.portcullis.report.SarifSchema;

/** {@code portcullis baseline create} and {@code check --baseline} from the command line, over the real gate. */
class BaselineCommandTest {

    private static final String BUCKET = """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  AccessControl: PublicReadWrite
            """;

    private static final String OPEN_SSH = """
              Ssh:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: ssh
                  SecurityGroupIngress:
                    - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
            """;

    @TempDir
    Path dir;

    private String write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file.toString();
    }

    @Test
    void aBaselineLetsTheOldFindingsPassAndFailsOnNewOnes() throws IOException {
        String template = write("app.yaml", BUCKET);
        String baseline = dir.resolve("baseline.json").toString();
        assertEquals(1, CliRun.real("check", template).exit());

        CliRun create = CliRun.real("baseline", "create", "--output", baseline, template);
        assertEquals(0, create.exit(), create.err());
        assertTrue(create.out().matches("Recorded \\d+ findings in .*baseline\\.json\\R"), create.out());
        JsonNode file = Json.MAPPER.readTree(Path.of(baseline).toFile());
        assertEquals(1, file.get("version").asInt());
        for (JsonNode entry : file.get("findings")) {
            assertEquals("app.yaml", entry.get("file").asText());
            assertEquals("Bucket", entry.get("resource").asText());
            assertTrue(entry.get("fingerprint").asText().matches("[0-9a-f]{64}"));
            assertEquals(1, entry.get("count").asInt());
        }

        CliRun json = CliRun.real("check", template, "--baseline", baseline, "--format", "json", "--fail-on", "info");
        assertEquals(0, json.exit(), json.err());
        JsonNode report = Json.MAPPER.readTree(json.out());
        assertEquals(file.get("findings").size(), report.get("findings").size(),
                "baselined findings stay in the report");

        Files.writeString(Path.of(template), BUCKET + OPEN_SSH);
        CliRun sarif = CliRun.real("check", template, "--baseline", baseline, "--format", "sarif");
        assertEquals(1, sarif.exit(), sarif.err());
        JsonNode results = SarifSchema.assertValid(sarif.out()).get("runs").get(0).get("results");
        List<String> fresh = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (JsonNode result : results) {
            String resource = result.get("locations").get(0).get("logicalLocations").get(0).get("name").asText();
            String state = result.get("baselineState").asText();
            (state.equals("new") ? fresh : unchanged).add(resource);
        }
        assertFalse(fresh.isEmpty());
        assertTrue(fresh.stream().allMatch("Ssh"::equals), fresh.toString());
        assertTrue(unchanged.stream().allMatch("Bucket"::equals), unchanged.toString());
        assertEquals(file.get("findings").size(), unchanged.size());

        CliRun plain = CliRun.real("check", template, "--format", "sarif");
        assertFalse(plain.out().contains("baselineState"), "without a baseline there is no baseline state");
    }

    @Test
    void aMalformedBaselineIsAnInputErrorWithFileAndLine() throws IOException {
        String template = write("app.yaml", BUCKET);
        String baseline = write("baseline.json", "{\n  \"version\": 7,\n  \"findings\": []\n}\n");
        CliRun run = CliRun.real("check", template, "--baseline", baseline, "--fail-on", "critical");
        assertEquals(3, run.exit(), run.err());
        assertEquals(List.of(baseline + ":2: not a valid baseline: unsupported baseline version 7 (this version of "
                + "portcullis reads version 1)"), run.errLines());

        String truncated = write("truncated.json", "{\"version\": 1, \"findings\": [");
        CliRun broken = CliRun.real("check", template, "--baseline", truncated);
        assertEquals(3, broken.exit());
        assertTrue(broken.err().startsWith(truncated + ":1: not a valid baseline: "), broken.err());
        assertEquals(1, broken.errLines().size(), "one line, no stack trace: " + broken.err());
    }

    @Test
    void noBaselineIsWrittenWhenAnInputCannotBeRead() throws IOException {
        String good = write("app.yaml", BUCKET);
        String bad = write("bad.yaml", "Resources:\n  Bucket: [\n");
        Path baseline = dir.resolve("baseline.json");
        CliRun run = CliRun.real("baseline", "create", "-o", baseline.toString(), good, bad);
        assertEquals(3, run.exit(), run.err());
        assertTrue(run.err().contains("bad.yaml:"), run.err());
        assertTrue(run.err().contains("not written"), run.err());
        assertFalse(Files.exists(baseline));
    }

    @Test
    void usageErrors() throws IOException {
        String template = write("app.yaml", BUCKET);
        assertEquals(2, CliRun.real("baseline", "create", template).exit(), "--output is required");
        assertEquals(2, CliRun.real("baseline").exit());
        assertEquals(2, CliRun.real("baseline", "create", "-o", dir.resolve("b.json").toString(), "--pack", "nope",
                template).exit());
        assertEquals(2, CliRun.real("baseline", "create", "-o", dir.resolve("b.json").toString(), "--region", "mars",
                template).exit());
    }

    @Test
    void theRuleAndParameterOptionsDecideWhatIsRecorded() throws IOException {
        String template = write("app.yaml", BUCKET);
        Path all = dir.resolve("all.json");
        Path fewer = dir.resolve("fewer.json");
        assertEquals(0, CliRun.real("baseline", "create", "-o", all.toString(), template).exit());
        assertEquals(0, CliRun.real("baseline", "create", "-o", fewer.toString(), "--disable",
                "s3-bucket-versioning", template).exit());
        int recorded = Json.MAPPER.readTree(all.toFile()).get("findings").size();
        assertEquals(recorded - 1, Json.MAPPER.readTree(fewer.toFile()).get("findings").size());
    }

    /**
     * {@code baseline create} reads the project configuration as {@code check} does: its rule choice, its waivers
     * (waived findings are not recorded) and its {@code baseline:} file, which {@code check} then compares with.
     */
    @Test
    void theProjectConfigurationDecidesWhatIsRecordedAndWhere() throws IOException {
        String template = write("app.yaml", BUCKET);
        Files.createDirectories(dir.resolve(".portcullis"));
        write(".portcullis/waivers.yaml", """
                waivers:
                  - {rule: s3-bucket-versioning, path: "*.yaml", reason: Versions cost too much here}
                """);
        String config = write(".portcullis.yaml", """
                disable: [s3-bucket-access-logging]
                baseline: baselines/portcullis.json
                """);
        Files.createDirectories(dir.resolve("baselines"));
        Path all = dir.resolve("all.json");
        assertEquals(0, CliRun.real("baseline", "create", "--no-config", "-o", all.toString(), template).exit());
        List<String> allRules = rules(all);
        assertTrue(allRules.contains("s3-bucket-access-logging") && allRules.contains("s3-bucket-versioning"),
                allRules.toString());

        CliRun create = CliRun.real("baseline", "create", "--config", config, template);
        assertEquals(0, create.exit(), create.err());
        Path configured = dir.resolve("baselines/portcullis.json");
        List<String> expected = new ArrayList<>(allRules);
        expected.removeAll(List.of("s3-bucket-access-logging", "s3-bucket-versioning"));
        assertEquals(expected, rules(configured));
        assertEquals("Recorded " + expected.size() + " findings in " + configured + "\n",
                create.out().replace(System.lineSeparator(), "\n"));

        CliRun check = CliRun.real("check", template, "--config", config, "--format", "sarif", "--fail-on", "info");
        assertEquals(0, check.exit(), check.err());
        for (JsonNode result : SarifSchema.assertValid(check.out()).get("runs").get(0).get("results")) {
            String rule = result.get("ruleId").asText();
            assertEquals(rule.equals("s3-bucket-versioning") ? "new" : "unchanged",
                    result.get("baselineState").asText(), rule);
        }
    }

    @Test
    void aConfigurationThatCannotBeReadWritesNoBaseline() throws IOException {
        String template = write("app.yaml", BUCKET);
        String config = write("bad.yaml", "fail-on: high\nbaseline: [1]\n");
        Path baseline = dir.resolve("b.json");
        CliRun run = CliRun.real("baseline", "create", "--config", config, "-o", baseline.toString(), template);
        assertEquals(3, run.exit(), run.err());
        assertTrue(run.err().startsWith(config + ":2: "), run.err());
        assertFalse(Files.exists(baseline));
        assertEquals(2, CliRun.real("baseline", "create", "--config", config, "--no-config", "-o",
                baseline.toString(), template).exit());
    }

    private static List<String> rules(Path baseline) throws IOException {
        List<String> rules = new ArrayList<>();
        for (JsonNode entry : Json.MAPPER.readTree(baseline.toFile()).get("findings")) {
            rules.add(entry.get("ruleId").asText());
        }
        return rules.stream().sorted().toList();
    }
}
