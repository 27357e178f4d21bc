package dev.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.portcullis.gate.Gate;
import dev.portcullis.report.SarifSchema;

/**
 * Suppressions, waivers and the project configuration from the command line, over the real gate with a fixed
 * clock, in a sample repository: what each format says and what the exit code counts.
 */
class SuppressionCliTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    private static final Clock CLOCK = Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    /** Leaves access logging and versioning as the only medium-or-worse rules a bare bucket fails. */
    private static final String DISABLE = "--disable=s3-bucket-kms-encryption,s3-bucket-policy-denies-insecure-transport";
    private static final Checker GATE = (request, progress, internalErrors) ->
            new Gate(internalErrors).withClock(CLOCK).check(request, progress);

    @TempDir
    Path dir;
    Path repo;
    Path template;

    @BeforeEach
    void sampleRepository() throws IOException {
        repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve(".git"));
        template = write("infra/app.yaml", """
                Resources:
                  Cache:
                    Type: AWS::S3::Bucket
                    Metadata:
                      portcullis:
                        suppress:
                          - id: s3-bucket-versioning
                            reason: Rebuildable cache
                      cfn_nag:
                        rules_to_suppress:
                          - id: W35
                            reason: Access is logged by CloudTrail data events
                """);
    }

    private Path write(String name, String content) throws IOException {
        Path file = repo.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private CliRun run(Path workingDirectory, String... args) {
        List<String> all = new ArrayList<>(List.of("check", template.toString(), DISABLE));
        all.addAll(List.of(args));
        return CliRun.of(GATE, Environment.PLAIN.in(workingDirectory), all.toArray(String[]::new));
    }

    private CliRun run(String... args) {
        return run(repo, args);
    }

    private static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void inlineSuppressionsKeepFindingsOutOfTheExitCodeButInEveryReport() throws IOException {
        CliRun text = run();
        assertEquals(0, text.exit(), text.out() + text.err());
        assertFalse(text.out().contains("s3-bucket-versioning"), text.out());
        assertFalse(text.out().contains("s3-bucket-access-logging"), text.out());
        assertTrue(text.out().strip().endsWith("in 1 template, 2 suppressed"), text.out());

        CliRun listed = run("--show-suppressed");
        assertTrue(listed.out().contains("s3-bucket-versioning  Cache  S3 bucket Cache does not have versioning "
                + "enabled  [suppressed by inline Metadata.portcullis: Rebuildable cache]"), listed.out());
        assertTrue(listed.out().contains("[suppressed by inline Metadata.cfn_nag (W35): Access is logged by "
                + "CloudTrail data events]"), listed.out());

        JsonNode doc = json(run("--format", "json").out());
        assertEquals(2, doc.get("summary").get("suppressed").asInt());
        JsonNode versioning = finding(doc, "s3-bucket-versioning");
        JsonNode suppression = versioning.get("suppression");
        assertEquals("inline", suppression.get("kind").asText());
        assertEquals("Metadata.portcullis", suppression.get("source").asText());
        assertEquals("Rebuildable cache", suppression.get("reason").asText());
        assertTrue(suppression.get("owner").isNull());
        assertTrue(suppression.get("expires").isNull());
        assertTrue(suppression.get("suppressed").asBoolean());
        assertFalse(suppression.get("expired").asBoolean());
        assertFalse(finding(doc, "s3-bucket-default-encryption").has("suppression"));

        JsonNode sarif = SarifSchema.assertValid(run("--format", "sarif").out());
        JsonNode result = sarifResult(sarif, "s3-bucket-access-logging");
        assertEquals("inSource", result.get("suppressions").get(0).get("kind").asText());
        assertEquals("accepted", result.get("suppressions").get(0).get("status").asText());
        assertEquals("Access is logged by CloudTrail data events",
                result.get("suppressions").get(0).get("justification").asText());
        assertFalse(sarifResult(sarif, "s3-bucket-default-encryption").has("suppressions"));

        String junit = run("--format", "junit").out();
        assertTrue(junit.contains("skipped=\"2\""), junit);
        assertTrue(junit.contains("<skipped message=\"suppressed by inline Metadata.portcullis: Rebuildable cache\""),
                junit);

        String github = run("--format", "github").out();
        assertFalse(github.contains("s3-bucket-versioning"), github);
        assertTrue(github.contains("title=s3-bucket-default-encryption"), github);
    }

    @Test
    void waiverThatExpiredYesterdayFailsTheBuildAndEveryFormatSaysSo() throws IOException {
        write(".portcullis/waivers.yaml", """
                waivers:
                  - rule: s3-bucket-default-encryption
                    path: infra/*.yaml
                    resource: Cache
                    reason: Encryption is set by the org policy
                    owner: platform-team
                    expires: %s
                """.formatted(TODAY.minusDays(1)));
        String note = "waiver .portcullis/waivers.yaml:2 (owner platform-team) expired on " + TODAY.minusDays(1);

        CliRun text = run("--fail-on", "info");
        assertEquals(1, text.exit(), text.out() + text.err());
        assertTrue(text.out().contains("s3-bucket-default-encryption  Cache  S3 bucket Cache does not declare a "
                + "default encryption configuration  [" + note + "]"), text.out());

        JsonNode doc = json(run("--format", "json").out());
        JsonNode suppression = finding(doc, "s3-bucket-default-encryption").get("suppression");
        assertEquals("waiver", suppression.get("kind").asText());
        assertEquals(TODAY.minusDays(1).toString(), suppression.get("expires").asText());
        assertTrue(suppression.get("expired").asBoolean());
        assertFalse(suppression.get("suppressed").asBoolean());
        assertEquals(note, suppression.get("note").asText());
        assertEquals(2, doc.get("summary").get("suppressed").asInt(), "the expired waiver is not counted");

        JsonNode result = sarifResult(SarifSchema.assertValid(run("--format", "sarif").out()),
                "s3-bucket-default-encryption");
        assertFalse(result.has("suppressions"), "an expired waiver must not hide the alert");
        assertTrue(result.get("message").get("text").asText().endsWith("(" + note + ")"), result.toString());

        assertTrue(run("--format", "github").out().contains(note), "github");
        assertTrue(run("--format", "junit").out().contains(note), "junit");

        write(".portcullis/waivers.yaml", """
                waivers:
                  - {rule: s3-bucket-default-encryption, path: infra/*.yaml, reason: Org policy, expires: %s}
                """.formatted(TODAY));
        CliRun lastDay = run("--fail-on", "info");
        assertEquals(0, lastDay.exit(), "the waiver holds on its expiry date: " + lastDay.out());
    }

    @Test
    void staleWaiverIsAnInfoNoteInEveryFormatAndNeverFailsTheBuildAtTheDefaultFailOn() throws IOException {
        write(".portcullis/waivers.yaml", """
                waivers:
                  - rule: s3-bucket-versioning
                    path: "infra/**"
                    resource: Gone
                    reason: The bucket was replaced in PLAT-7
                    owner: storage-team
                """);
        String message = "Waiver of s3-bucket-versioning for 'infra/**', resource Gone (owner storage-team) matched "
                + "no finding in the template checked under its path; remove it, or correct its rule, path or "
                + "resource";

        CliRun text = run();
        assertEquals(0, text.exit(), text.out() + text.err());
        assertTrue(text.out().startsWith(".portcullis/waivers.yaml:2:1  info  waiver-unused  Gone  " + message
                + "\n"), text.out());
        assertTrue(text.out().strip().endsWith("2 findings (2 info) in 1 template, 2 suppressed"), text.out());
        assertEquals(1, run("--fail-on", "info").exit(), "an info finding like any other");

        JsonNode note = finding(json(run("--format", "json").out()), "waiver-unused");
        assertEquals(".portcullis/waivers.yaml", note.get("file").asText());
        assertEquals(2, note.get("line").asInt());
        assertEquals("info", note.get("severity").asText());
        assertEquals("waivers/0", note.get("path").asText());
        assertEquals(message, note.get("message").asText());

        JsonNode sarif = SarifSchema.assertValid(run("--format", "sarif").out());
        JsonNode result = sarifResult(sarif, "waiver-unused");
        assertEquals("note", result.get("level").asText());
        JsonNode location = result.get("locations").get(0).get("physicalLocation");
        assertEquals(".portcullis/waivers.yaml", location.get("artifactLocation").get("uri").asText());
        assertEquals(2, location.get("region").get("startLine").asInt());
        JsonNode rule = sarif.get("runs").get(0).get("tool").get("driver").get("rules")
                .get(result.get("ruleIndex").asInt());
        assertEquals("waiver-unused", rule.get("id").asText());

        assertTrue(run("--format", "github").out().lines().anyMatch(l -> l.equals(
                "::notice file=.portcullis/waivers.yaml,line=2,col=1,title=waiver-unused::Gone: " + message)),
                "github");
        assertTrue(run("--format", "junit").out().contains("name=\"Gone in .portcullis/waivers.yaml\""), "junit");

        // A run over other files (as a pre-commit hook makes) says nothing about infra/**.
        Path tool = write("tools/x.yaml", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n");
        CliRun elsewhere = CliRun.of(GATE, Environment.PLAIN.in(repo), "check", tool.toString(), "--format", "json");
        assertFalse(elsewhere.out().contains("waiver-unused"), elsewhere.out());
    }

    @Test
    void forbiddenInlineSuppressionIsIgnoredAndTheFindingSaysWhereToWaiveIt() throws IOException {
        write(".portcullis.yaml", """
                suppressions:
                  inline:
                    forbid:
                      rules: [s3-bucket-access-logging]
                """);
        CliRun run = run();
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("s3-bucket-access-logging  Cache  S3 bucket Cache has no server access logging  "
                + "[the inline suppression in Metadata.cfn_nag (W35) is not allowed for this finding by the project "
                + "configuration (suppressions.inline.forbid): waive it in .portcullis/waivers.yaml instead]"),
                run.out());
        assertTrue(run.out().strip().endsWith("1 suppressed"), run.out());
        JsonNode suppression = finding(json(run("--format", "json").out()), "s3-bucket-access-logging")
                .get("suppression");
        assertTrue(suppression.get("forbidden").asBoolean());
        assertFalse(suppression.get("suppressed").asBoolean());
    }

    @Test
    void badInlineSuppressionIsAnInputErrorButTheReportStillHasTheFindings() throws IOException {
        template = write("infra/app.yaml", """
                Resources:
                  Cache:
                    Type: AWS::S3::Bucket
                    Metadata:
                      portcullis:
                        suppress:
                          - id: s3-bucket-versioning
                """);
        CliRun run = run("--format", "json");
        assertEquals(3, run.exit(), run.err());
        assertEquals(List.of(template + ":7: Metadata.portcullis.suppress of s3-bucket-versioning has no 'reason': "
                + "say why the finding is accepted"), run.errLines());
        assertTrue(json(run.out()).get("findings").size() > 0, run.out());
    }

    @Test
    void configurationIsFoundByWalkingUpAndTheCommandLineWinsOverIt() throws IOException {
        write(".portcullis.yaml", """
                fail-on: critical
                format: json
                """);
        Path nested = Files.createDirectories(repo.resolve("infra/deeper"));
        template = write("infra/app.yaml", "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n");

        CliRun found = run(nested);
        assertEquals(0, found.exit(), "fail-on critical from the configuration: " + found.err());
        assertTrue(json(found.out()).get("summary").get("findings").asInt() > 0, "format json from the configuration");

        CliRun overridden = run(nested, "--fail-on", "medium", "--format", "text");
        assertEquals(1, overridden.exit());
        assertTrue(overridden.out().contains(" findings ("), overridden.out());

        CliRun ignored = run(nested, "--no-config");
        assertEquals(1, ignored.exit());

        Path outside = Files.createDirectories(dir.resolve("elsewhere"));
        assertEquals(1, run(outside).exit(), "no configuration outside the repository");
        Path explicit = Files.writeString(outside.resolve("strict.yaml"), "fail-on: info\n");
        String onlyInfo = "--disable=s3-bucket-versioning,s3-bucket-access-logging";
        assertEquals(0, run(nested, onlyInfo).exit());
        CliRun chosen = run(nested, "--config", explicit.toString(), onlyInfo);
        assertEquals(1, chosen.exit(), "--config replaces the found configuration: " + chosen.out());
    }

    @Test
    void badConfigurationIsExitThreeNamingFileAndLine() throws IOException {
        Path config = write(".portcullis.yaml", """
                version: 1
                fial-on: high
                """);
        CliRun wrongKey = run();
        assertEquals(3, wrongKey.exit(), wrongKey.err());
        assertEquals(1, wrongKey.errLines().size(), wrongKey.err());
        assertTrue(wrongKey.errLines().get(0).startsWith(".portcullis.yaml:2: "), wrongKey.err());
        assertTrue(wrongKey.err().contains("'fial-on'"), wrongKey.err());
        assertFalse(wrongKey.err().contains("\tat "), wrongKey.err());

        Files.writeString(config, "fail-on: [high]\n");
        CliRun wrongType = run(repo.resolve("infra"), "--format", "json");
        assertEquals(3, wrongType.exit(), wrongType.err());
        assertTrue(wrongType.errLines().get(0).startsWith(config.toAbsolutePath().normalize() + ":1: at fail-on: "),
                wrongType.err());
        JsonNode doc = json(wrongType.out());
        assertEquals(0, doc.get("findings").size(), "nothing is checked under a broken configuration");
        assertEquals(1, doc.get("errors").get(0).get("line").asInt());

        Files.writeString(config, "enable: [s3-no-such-rule]\n");
        CliRun unknownRule = run();
        assertEquals(3, unknownRule.exit(), unknownRule.err());
        assertEquals(List.of(".portcullis.yaml:1: no rule 's3-no-such-rule'"), unknownRule.errLines());

        Files.writeString(config, "fail-on: high\npack: no-such-pack\n");
        CliRun unknownPack = run();
        assertEquals(3, unknownPack.exit(), unknownPack.err());
        assertTrue(unknownPack.errLines().get(0).startsWith(".portcullis.yaml:2: no rule pack 'no-such-pack'"),
                unknownPack.err());
        assertEquals(0, run("--pack", "default").exit(), "a pack given on the command line replaces it");

        CliRun missing = run("--config", "no-such.yaml");
        assertEquals(3, missing.exit());
        assertEquals(List.of("no-such.yaml: no such file"), missing.errLines());
    }

    private static JsonNode finding(JsonNode doc, String rule) {
        for (JsonNode f : doc.get("findings")) {
            if (f.get("ruleId").asText().equals(rule)) {
                return f;
            }
        }
        throw new AssertionError("no " + rule + " in " + doc);
    }

    private static JsonNode sarifResult(JsonNode sarif, String rule) {
        for (JsonNode r : sarif.get("runs").get(0).get("results")) {
            if (r.get("ruleId").asText().equals(rule)) {
                return r;
            }
        }
        throw new AssertionError("no " + rule + " in " + sarif);
    }
}
