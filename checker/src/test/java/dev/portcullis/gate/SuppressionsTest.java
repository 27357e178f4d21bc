package dev.portcullis.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.portcullis.catalog.Rule;
import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputError;
import dev.portcullis.model.Severity;
import dev.portcullis.model.Suppression;
import dev.portcullis.resolve.Inputs;

/** Inline suppressions, waivers and the inline policy, through the real gate and catalog. */
class SuppressionsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    private static final Clock CLOCK = Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    private static final String VERSIONING = "s3-bucket-versioning";
    private static final String LOGGING = "s3-bucket-access-logging";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private CheckResult check(ProjectConfig project, RuleOptions rules, Path... paths) {
        List<String> names = java.util.Arrays.stream(paths).map(Path::toString).toList();
        return new Gate().withClock(CLOCK).check(new CheckRequest(names, Inputs.NONE, rules, project, null), Progress.NONE);
    }

    private CheckResult check(ProjectConfig project, Path... paths) {
        return check(project, RuleOptions.DEFAULT, paths);
    }

    private static Finding only(CheckResult result, String rule, String resource) {
        List<Finding> matching = result.findings().stream()
                .filter(f -> f.ruleId().equals(rule) && resource.equals(f.resource())).toList();
        assertEquals(1, matching.size(), rule + " on " + resource + " in " + result.findings());
        return matching.get(0);
    }

    private ProjectConfig config(String yaml) throws IOException {
        Path file = write(".portcullis.yaml", yaml);
        return ConfigReader.read(file, ".portcullis.yaml");
    }

    private static final String TWO_BUCKETS = """
            Resources:
              Kept:
                Type: AWS::S3::Bucket
                Metadata:
                  portcullis:
                    suppress:
                      - id: s3-bucket-versioning
                        reason: Holds a rebuildable cache
              Other:
                Type: AWS::S3::Bucket
            """;

    @Test
    void resourceSuppressionCoversThatResourceAndRuleOnlyAndKeepsTheFinding() throws IOException {
        Path t = write("t.yaml", TWO_BUCKETS);
        CheckResult result = check(null, t);

        Finding kept = only(result, VERSIONING, "Kept");
        assertTrue(kept.suppressed());
        assertEquals(new Suppression(Suppression.Kind.INLINE, "Metadata.portcullis", "Holds a rebuildable cache",
                null, null, false), kept.suppression());
        assertEquals(new Finding(VERSIONING, Severity.MEDIUM, t.toString(), 2, 3, "Kept", "AWS::S3::Bucket",
                "Resources/Kept/Properties/VersioningConfiguration/Status",
                "S3 bucket Kept does not have versioning enabled", null).withSuppression(kept.suppression()), kept,
                "everything else about the finding stays");

        assertFalse(only(result, VERSIONING, "Other").suppressed());
        assertFalse(only(result, LOGGING, "Kept").suppressed(), "other rules on the same resource stay active");
        assertEquals(1, result.summary().suppressed());
        assertEquals(result.findings().size() - 1, result.summary().totalFindings());
        assertTrue(result.errors().isEmpty(), result.errors().toString());
    }

    @Test
    void templateSuppressionCoversEveryResource() throws IOException {
        Path t = write("t.yaml", """
                Metadata:
                  portcullis:
                    suppress:
                      - {id: s3-bucket-versioning, reason: Caches only}
                Resources:
                  A:
                    Type: AWS::S3::Bucket
                  B:
                    Type: AWS::S3::Bucket
                """);
        CheckResult result = check(null, t);
        assertTrue(only(result, VERSIONING, "A").suppressed());
        assertTrue(only(result, VERSIONING, "B").suppressed());
        assertEquals("Metadata.portcullis (template)", only(result, VERSIONING, "B").suppression().source());
        assertFalse(only(result, LOGGING, "A").suppressed());
    }

    @Test
    void cfnNagAndCheckovSuppressionsMapThroughEquivalents() throws IOException {
        Rule logging = new Gate().catalog(List.of()).rule(LOGGING).orElseThrow();
        assertTrue(logging.equivalents().get("cfn_nag").contains("W35"), "the fixture relies on this mapping");
        assertTrue(logging.equivalents().get("checkov").contains("CKV_AWS_18"), "the fixture relies on this mapping");

        Path t = write("t.yaml", """
                Resources:
                  NagBucket:
                    Type: AWS::S3::Bucket
                    Metadata:
                      cfn_nag:
                        rules_to_suppress:
                          - id: W35
                            reason: This bucket receives the access logs
                          - id: W9999
                            reason: not a rule anyone maps
                  CheckovBucket:
                    Type: AWS::S3::Bucket
                    Metadata:
                      checkov:
                        skip:
                          - id: CKV_AWS_18
                            comment: Logged by CloudTrail data events
                  Plain:
                    Type: AWS::S3::Bucket
                """);
        CheckResult result = check(null, t);
        Finding nag = only(result, LOGGING, "NagBucket");
        assertTrue(nag.suppressed());
        assertEquals("Metadata.cfn_nag (W35)", nag.suppression().source());
        assertEquals("This bucket receives the access logs", nag.suppression().reason());
        Finding checkov = only(result, LOGGING, "CheckovBucket");
        assertTrue(checkov.suppressed());
        assertEquals("Metadata.checkov (CKV_AWS_18)", checkov.suppression().source());
        assertEquals("Logged by CloudTrail data events", checkov.suppression().reason());
        assertFalse(only(result, LOGGING, "Plain").suppressed());
        assertFalse(only(result, VERSIONING, "NagBucket").suppressed(), "W35 maps to access logging only");
        assertEquals(2, result.summary().suppressed());
        assertTrue(result.errors().isEmpty(), "other tools' unknown ids are not errors: " + result.errors());
    }

    @Test
    void badInlineSuppressionsAreErrorsAtTheirLineAndFindingsStayReported() throws IOException {
        Path t = write("t.yaml", """
                Resources:
                  NoReason:
                    Type: AWS::S3::Bucket
                    Metadata:
                      portcullis:
                        suppress:
                          - id: s3-bucket-versioning
                  NoSuchRule:
                    Type: AWS::S3::Bucket
                    Metadata:
                      portcullis:
                        suppress:
                          - id: s3-bucket-versioned
                            reason: typo in the id
                  Misspelt:
                    Type: AWS::S3::Bucket
                    Metadata:
                      portcullis:
                        supress:
                          - id: s3-bucket-versioning
                            reason: typo in the key
                """);
        CheckResult result = check(null, t);
        List<InputError> errors = result.errors();
        assertEquals(3, errors.size(), errors.toString());
        assertEquals(7, errors.get(0).line(), errors.toString());
        assertTrue(errors.get(0).message().contains("no 'reason'"), errors.get(0).message());
        assertEquals(13, errors.get(1).line());
        assertTrue(errors.get(1).message().contains("no rule 's3-bucket-versioned'"), errors.get(1).message());
        assertEquals(19, errors.get(2).line());
        assertTrue(errors.get(2).message().contains("'supress'"), errors.get(2).message());
        assertTrue(errors.stream().allMatch(e -> e.file().equals(t.toString())));
        assertTrue(result.hasInputError());
        assertEquals(1, result.summary().templates(), "the template was still evaluated");
        assertEquals(0, result.summary().suppressed());
        assertFalse(only(result, VERSIONING, "NoReason").suppressed());
    }

    @Test
    void waiverExpiredYesterdayNoLongerSuppressesAndSaysSo() throws IOException {
        Path t = write("infra/app.yaml", TWO_BUCKETS);
        ProjectConfig project = config("""
                waivers:
                  - rule: s3-bucket-access-logging
                    path: "infra/*.yaml"
                    resource: Other
                    reason: Access logs are being set up
                    owner: platform-team
                    expires: %s
                  - rule: s3-bucket-access-logging
                    path: "infra/**"
                    resource: Kept
                    reason: Last day today
                    expires: %s
                """.formatted(TODAY.minusDays(1), TODAY));
        CheckResult result = check(project, t);

        Finding expired = only(result, LOGGING, "Other");
        assertFalse(expired.suppressed());
        assertNotNull(expired.suppression());
        assertEquals(new Suppression(Suppression.Kind.WAIVER, ".portcullis.yaml:2", "Access logs are being set up",
                "platform-team", TODAY.minusDays(1), true), expired.suppression());
        assertTrue(result.failsAt(Severity.MEDIUM), "an expired waiver counts again");

        Finding lastDay = only(result, LOGGING, "Kept");
        assertTrue(lastDay.suppressed(), "a waiver holds on its expiry date");
        assertEquals(".portcullis.yaml:8", lastDay.suppression().source());
    }

    @Test
    void waiverCoversOnlyTheFilesItsGlobMatchesRelativeToTheConfiguration() throws IOException {
        Path inside = write("infra/app.yaml", TWO_BUCKETS);
        Path outside = write("other/app.yaml", TWO_BUCKETS);
        ProjectConfig project = config("""
                waivers:
                  - {rule: s3-bucket-access-logging, path: "infra/*.yaml", reason: Logged elsewhere}
                """);
        CheckResult result = check(project, inside, outside);
        List<Finding> logging = result.findings().stream().filter(f -> f.ruleId().equals(LOGGING)).toList();
        assertEquals(4, logging.size());
        for (Finding f : logging) {
            assertEquals(f.file().equals(inside.toString()), f.suppressed(), f.toString());
        }
    }

    @Test
    void forbiddenInlineSuppressionIsIgnoredAndSaysSo() throws IOException {
        Path t = write("t.yaml", TWO_BUCKETS);
        ProjectConfig byRule = config("""
                suppressions:
                  inline:
                    forbid:
                      rules: [s3-bucket-versioning]
                """);
        Finding f = only(check(byRule, t), VERSIONING, "Kept");
        assertFalse(f.suppressed());
        assertTrue(f.suppression().forbidden());
        assertEquals(Suppression.Kind.INLINE, f.suppression().kind());

        ProjectConfig bySeverity = config("""
                suppressions: {inline: {forbid: {severities: [medium]}}}
                """);
        assertTrue(only(check(bySeverity, t), VERSIONING, "Kept").suppression().forbidden());

        ProjectConfig otherSeverity = config("""
                suppressions: {inline: {forbid: {severities: [critical, high]}}}
                """);
        assertTrue(only(check(otherSeverity, t), VERSIONING, "Kept").suppressed());
    }

    @Test
    void aWaiverStillSuppressesWhatInlineMayNot() throws IOException {
        Path t = write("t.yaml", TWO_BUCKETS);
        ProjectConfig project = config("""
                suppressions: {inline: {forbid: {rules: [s3-bucket-versioning]}}}
                waivers:
                  - {rule: s3-bucket-versioning, path: "*.yaml", resource: Kept, reason: Reviewed by security}
                """);
        Finding f = only(check(project, t), VERSIONING, "Kept");
        assertTrue(f.suppressed());
        assertEquals(Suppression.Kind.WAIVER, f.suppression().kind());
    }

    @Test
    void configurationNamingAMissingRuleStopsTheCheckWithItsLine() throws IOException {
        Path t = write("t.yaml", TWO_BUCKETS);
        ProjectConfig project = config("""
                disable:
                  - s3-bucket-versioning
                  - s3-no-such-rule
                """);
        CheckResult result = check(project, t);
        assertEquals(List.of(new InputError(".portcullis.yaml", 3, "no rule 's3-no-such-rule'")), result.errors());
        assertTrue(result.findings().isEmpty());
    }

    @Test
    void severityOverridesChangeFindingsAndParametersApplyPerTemplateGlob() throws IOException {
        Path t = write("t.yaml", TWO_BUCKETS);
        CheckResult result = check(null, new RuleOptions(List.of(), null, List.of(), List.of(),
                Map.of(VERSIONING, Severity.CRITICAL)), t);
        assertEquals(Severity.CRITICAL, only(result, VERSIONING, "Other").severity());

        String staged = """
                Parameters:
                  Versioning: {Type: String, AllowedValues: [Enabled, Suspended]}
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      VersioningConfiguration: {Status: !Ref Versioning}
                """;
        Path prod = write("prod/stack.yaml", staged);
        Path dev = write("dev/stack.yaml", staged);
        ProjectConfig project = config("""
                parameters:
                  - templates: "prod/*.yaml"
                    values: {Versioning: Enabled}
                  - templates: "dev/*.yaml"
                    values: {Versioning: Suspended}
                """);
        CheckResult staging = check(project, prod, dev);
        assertTrue(staging.findings().stream().noneMatch(f -> f.ruleId().equals(VERSIONING)
                && f.file().equals(prod.toString())), staging.findings().toString());
        assertTrue(staging.findings().stream().anyMatch(f -> f.ruleId().equals(VERSIONING)
                && f.file().equals(dev.toString())), staging.findings().toString());

        CheckResult overridden = new Gate().withClock(CLOCK).check(new CheckRequest(List.of(prod.toString()),
                new Inputs(Map.of("Versioning", "Suspended"), null, null), RuleOptions.DEFAULT, project, null),
                Progress.NONE);
        assertTrue(overridden.findings().stream().anyMatch(f -> f.ruleId().equals(VERSIONING)),
                "values given on the command line win over the configuration's");
    }

    /** The configuration docs/config.md shows is one the gate accepts: every key valid, every rule id real. */
    @Test
    void documentedConfigurationIsValid() throws IOException {
        String doc = Files.readString(Path.of(System.getProperty("portcullis.root", ".."), "docs", "config.md"));
        int section = doc.indexOf("## `.portcullis.yaml`");
        int start = doc.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = doc.substring(start, doc.indexOf("```", start));
        ProjectConfig project = config(yaml);
        assertEquals(Severity.HIGH, project.failOn());
        assertEquals(2, project.inline().rules().size());
        assertEquals(List.of(dir.toAbsolutePath().normalize().resolve("security/rules").toString()),
                project.rulesDirs());
        CheckResult result = check(project, new RuleOptions(List.of(), project.pack(), project.enable(),
                project.disable(), project.severities()), write("t.yaml", TWO_BUCKETS));
        assertEquals(List.of(), result.errors());
        assertEquals(Severity.LOW, only(result, VERSIONING, "Other").severity());
    }

    @Test
    void noConfigurationMeansNoWaivers() throws IOException {
        Path t = write("t.yaml", TWO_BUCKETS);
        assertNull(only(check(null, t), LOGGING, "Other").suppression());
    }
}
