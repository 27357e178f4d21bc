package dev.portcullis.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.portcullis.catalog.Catalog;
import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.model.Severity;
import dev.portcullis.resolve.Inputs;

/** Stale waivers through the real gate and catalog: which count as unused, and which are not judged. */
class WaiverUseTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    private static final Clock CLOCK = Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    private static final String BUCKET = """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """;
    /** Line 3 covers a finding; line 7 names a resource that is gone; line 12 a path this test never checks. */
    private static final String WAIVERS = """
            version: 1
            waivers:
              - rule: s3-bucket-versioning
                path: "infra/**"
                resource: Bucket
                reason: Rebuildable cache
              - rule: s3-bucket-versioning
                path: "infra/**"
                resource: OldBucket
                reason: Removed in PLAT-1
                owner: data-team
              - rule: s3-bucket-versioning
                path: "legacy/**"
                reason: Not checked in these runs
            """;

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private ProjectConfig waivers(String yaml) throws IOException {
        write(ConfigReader.WAIVER_FILE, yaml);
        return ConfigReader.waiversOnly(dir, ConfigReader.WAIVER_FILE);
    }

    private CheckResult check(ProjectConfig project, RuleOptions rules, Path... paths) {
        List<String> names = Arrays.stream(paths).map(Path::toString).toList();
        return new Gate().withClock(CLOCK).check(new CheckRequest(names, Inputs.NONE, rules, project, null),
                Progress.NONE);
    }

    private static List<Finding> notes(CheckResult result) {
        return result.findings().stream().filter(f -> f.ruleId().equals(WaiverUse.UNUSED_RULE)).toList();
    }

    @Test
    void aWaiverInScopeThatCoveredNothingIsAnInfoNoteAtItsLine() throws IOException {
        Path app = write("infra/app.yaml", BUCKET);
        CheckResult result = check(waivers(WAIVERS), RuleOptions.DEFAULT, app);

        assertEquals(List.of(new Finding(WaiverUse.UNUSED_RULE, Severity.INFO, ".portcullis/waivers.yaml", 7, 1,
                "OldBucket", null, "waivers/1", "Waiver of s3-bucket-versioning for 'infra/**', resource OldBucket "
                + "(owner data-team) matched no finding in the template checked under its path; remove it, or "
                + "correct its rule, path or resource", null)), notes(result));
        assertFalse(notes(result).get(0).suppressed());
        assertEquals(result.findings().stream().filter(f -> !f.suppressed()).count(),
                result.summary().totalFindings(), "the note counts as an info finding");
        assertTrue(result.summary().findings().get("info") >= 1, result.summary().toString());
    }

    @Test
    void theNoteNeverFailsTheBuildAtTheDefaultFailOn() throws IOException {
        Path app = write("infra/app.yaml", BUCKET);
        RuleOptions onlyVersioning = new RuleOptions(List.of(), Catalog.DEFAULT_PACK, List.of(),
                allRulesBut("s3-bucket-versioning"));
        CheckResult result = check(waivers(WAIVERS), onlyVersioning, app);
        assertEquals(1, notes(result).size(), result.findings().toString());
        assertEquals(1, result.findings().stream().filter(f -> !f.suppressed()).count(),
                "only the note is active: " + result.findings());
        assertFalse(result.failsAt(Severity.MEDIUM));
        assertFalse(result.failsAt(Severity.LOW));
        assertTrue(result.failsAt(Severity.INFO));
    }

    private static List<String> allRulesBut(String kept) {
        return new Gate().rules(RuleOptions.DEFAULT).rules().stream().map(r -> r.id())
                .filter(id -> !id.equals(kept)).toList();
    }

    @Test
    void aRunOverOtherFilesJudgesNoWaiverWhoseGlobMatchedNothingChecked() throws IOException {
        write("infra/app.yaml", BUCKET);
        Path other = write("other/o.yaml", BUCKET);
        CheckResult result = check(waivers(WAIVERS), RuleOptions.DEFAULT, other);
        assertEquals(List.of(), notes(result), "infra/** and legacy/** matched no checked template");
    }

    @Test
    void aTemplateThatCouldNotBeReadIsNotACheckedTemplate() throws IOException {
        Path broken = write("infra/broken.yaml", "Resources:\n  Bucket: [\n");
        CheckResult result = check(waivers(WAIVERS), RuleOptions.DEFAULT, broken);
        assertTrue(result.hasInputError(), result.errors().toString());
        assertEquals(List.of(), notes(result));
    }

    @Test
    void anExpiredWaiverThatStillMatchesAndADuplicateAreInUse() throws IOException {
        Path app = write("infra/app.yaml", BUCKET);
        CheckResult result = check(waivers("""
                waivers:
                  - rule: s3-bucket-versioning
                    path: "infra/**"
                    reason: Rebuildable cache
                    expires: %s
                  - rule: s3-bucket-access-logging
                    path: "infra/**"
                    reason: Logged by CloudTrail
                  - rule: s3-bucket-access-logging
                    path: "infra/*.yaml"
                    resource: Bucket
                    reason: Logged by CloudTrail
                """.formatted(TODAY.minusDays(1))), RuleOptions.DEFAULT, app);
        assertEquals(List.of(), notes(result));
        assertTrue(result.findings().stream().anyMatch(f -> f.ruleId().equals("s3-bucket-versioning")
                && f.suppression() != null && f.suppression().expired()), result.findings().toString());
    }

    @Test
    void aWaiverOfARuleThatDidNotRunIsNotJudged() throws IOException {
        Path app = write("infra/app.yaml", BUCKET);
        RuleOptions withoutVersioning = new RuleOptions(List.of(), Catalog.DEFAULT_PACK, List.of(),
                List.of("s3-bucket-versioning"));
        assertEquals(List.of(), notes(check(waivers(WAIVERS), withoutVersioning, app)));
    }

    @Test
    void aWaiverInTheConfigurationFileIsNamedThere() throws IOException {
        Path app = write("infra/app.yaml", BUCKET);
        Path config = write(".portcullis.yaml", """
                fail-on: high
                waivers:
                  - rule: s3-bucket-versioning
                    path: "infra/**"
                    resource: Typo
                    reason: Misspelt resource
                """);
        List<Finding> notes = notes(check(ConfigReader.read(config, ".portcullis.yaml"), RuleOptions.DEFAULT, app));
        assertEquals(1, notes.size(), notes.toString());
        assertEquals(".portcullis.yaml", notes.get(0).file());
        assertEquals(3, notes.get(0).line());
        assertEquals("waivers/0", notes.get(0).path());
    }

    @Test
    void aBaselineNeverRecordsAStaleWaiver() throws IOException {
        Path app = write("infra/app.yaml", BUCKET);
        CheckResult result = check(waivers(WAIVERS), RuleOptions.DEFAULT, app);
        long active = result.findings().stream().filter(f -> f.suppression() == null).count();
        Path baseline = dir.resolve("baseline.json");
        assertEquals(active - 1, Baseline.write(result.findings(), baseline));
        assertFalse(Files.readString(baseline).contains(WaiverUse.UNUSED_RULE));
    }
}
