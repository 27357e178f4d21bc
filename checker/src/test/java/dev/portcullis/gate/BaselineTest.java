package dev.portcullis.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputError;
import dev.portcullis.model.InputException;
import dev.portcullis.model.Severity;
import dev.portcullis.model.Summary;
import dev.portcullis.model.Suppression;
import dev.portcullis.report.Json;
import dev.portcullis.resolve.Inputs;

/** Baselines over the real gate: what keeps a finding in the baseline, what makes it new, and bad baseline files. */
class BaselineTest {

    /** Two security groups; the first opens SSH to the world. */
    private static final String GROUPS = """
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              Ssh:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: ssh
                  SecurityGroupIngress:
                    - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
              Web:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: web
                  SecurityGroupIngress:
                    - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8}
            """;

    /** The same resources in the other order, block style, with comments and blank lines in between. */
    private static final String GROUPS_MOVED_AND_REFORMATTED = """
            # The web group first now.
            AWSTemplateFormatVersion: "2010-09-09"
            Description: >-
              Moved and
              reformatted.
            Resources:
              Web:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: web
                  SecurityGroupIngress:
                    - IpProtocol: tcp
                      FromPort: 443
                      ToPort: 443
                      CidrIp: 10.0.0.0/8


              Ssh:
                Properties:
                  SecurityGroupIngress:
                    - IpProtocol: tcp
                      CidrIp: 0.0.0.0/0
                      FromPort: 22
                      ToPort: 22
                  GroupDescription: ssh
                Type: AWS::EC2::SecurityGroup
            """;

    private static final String GROUPS_JSON = """
            {
              "AWSTemplateFormatVersion": "2010-09-09",
              "Resources": {
                "Ssh": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "ssh",
                  "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}]}},
                "Web": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "web",
                  "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.0.0.0/8"}]}}
              }
            }
            """;

    @TempDir
    Path dir;

    private Path template;
    private Path baselineFile;

    @BeforeEach
    void recordBaseline() throws IOException {
        template = write("infra/app.yaml", GROUPS);
        baselineFile = dir.resolve("baseline.json");
        CheckResult before = check(null, template);
        assertFalse(before.findings().isEmpty(), "the template must have findings to baseline");
        assertEquals(before.findings().size(), Baseline.write(before.findings(), baselineFile));
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private static CheckResult check(Path baseline, Path... paths) {
        List<String> names = java.util.Arrays.stream(paths).map(Path::toString).toList();
        return new Gate().check(new CheckRequest(names, Inputs.NONE, RuleOptions.DEFAULT, null,
                baseline == null ? null : baseline.toString()), Progress.NONE);
    }

    private static List<Finding> active(CheckResult result) {
        return result.findings().stream().filter(f -> !f.suppressed()).toList();
    }

    @Test
    void theRecordedFindingsAreSuppressedAsBaseline() {
        CheckResult result = check(baselineFile, template);
        assertEquals(List.of(), result.errors());
        assertFalse(result.findings().isEmpty());
        assertEquals(List.of(), active(result));
        for (Finding f : result.findings()) {
            assertEquals(new Suppression(Suppression.Kind.BASELINE, baselineFile.toString(), "in baseline", null, null,
                    false), f.suppression());
        }
        assertFalse(result.failsAt(Severity.INFO));
        assertEquals(0, result.summary().totalFindings(), "the summary counts active findings");
        assertEquals(result.findings().size(), result.summary().suppressed(), "suppressed findings are still reported");
    }

    @Test
    void movingAndReformattingAResourceKeepsItsFindingsInTheBaseline() throws IOException {
        CheckResult before = check(null, template);
        Files.writeString(template, GROUPS_MOVED_AND_REFORMATTED);
        CheckResult after = check(baselineFile, template);
        assertEquals(List.of(), after.errors());
        assertEquals(before.findings().size(), after.findings().size());
        assertTrue(after.findings().stream().anyMatch(f -> before.findings().stream()
                .noneMatch(b -> b.ruleId().equals(f.ruleId()) && b.line() == f.line())),
                "the findings moved to other lines");
        assertEquals(List.of(), active(after));
    }

    @Test
    void convertingTheTemplateToJsonKeepsItsFindingsInTheBaseline() throws IOException {
        Files.delete(template);
        Path json = write("infra/app.json", GROUPS_JSON);
        CheckResult after = check(baselineFile, json);
        assertEquals(List.of(), after.errors());
        assertFalse(after.findings().isEmpty());
        assertEquals(List.of(), active(after));
    }

    @Test
    void aFindingOnAnotherPropertyOrResourceIsNew() throws IOException {
        String changed = GROUPS
                .replace("- {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}",
                        "- {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}\n"
                                + "        - {IpProtocol: tcp, FromPort: 3389, ToPort: 3389, CidrIp: 0.0.0.0/0}")
                + """
                  Rdp:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: rdp
                      SecurityGroupIngress:
                        - {IpProtocol: tcp, FromPort: 3389, ToPort: 3389, CidrIp: 0.0.0.0/0}
                """.indent(2).replaceFirst("^  ", "");
        Files.writeString(template, changed);
        CheckResult after = check(baselineFile, template);
        assertEquals(List.of(), after.errors());
        List<Finding> fresh = active(after);
        assertFalse(fresh.isEmpty());
        assertTrue(fresh.stream().anyMatch(f -> "Rdp".equals(f.resource())), "a new resource's findings are new");
        assertTrue(fresh.stream().anyMatch(f -> "Ssh".equals(f.resource())
                && f.path().contains("SecurityGroupIngress/1")), "a finding on another property path is new");
        assertTrue(fresh.stream().noneMatch(f -> "Ssh".equals(f.resource())
                && f.path().contains("SecurityGroupIngress/0")), "the recorded finding stays in the baseline");
        assertTrue(after.failsAt(Severity.HIGH));
    }

    @Test
    void fileNamesAreRelativeToTheBaselineFileNotToHowTheTemplateWasNamed() throws IOException {
        JsonNode written = Json.MAPPER.readTree(baselineFile.toFile());
        assertEquals(1, written.get("version").asInt());
        for (JsonNode entry : written.get("findings")) {
            assertEquals("infra/app.yaml", entry.get("file").asText());
        }
        Path roundabout = dir.resolve("infra/../infra/./app.yaml");
        assertEquals(List.of(), active(check(baselineFile, roundabout)));
    }

    @Test
    void eachFingerprintAcceptsAsManyFindingsAsWereRecorded() throws IOException {
        // app.yaml and app.json in one directory give the same fingerprints: two findings per entry.
        write("infra/app.json", GROUPS_JSON);
        CheckResult both = check(null, dir.resolve("infra"));
        Path twice = dir.resolve("twice.json");
        Baseline.write(both.findings(), twice);
        JsonNode entries = Json.MAPPER.readTree(twice.toFile()).get("findings");
        assertEquals(both.findings().size() / 2, entries.size());
        entries.forEach(e -> assertEquals(2, e.get("count").asInt()));

        // The baseline made from app.yaml alone accepts one finding per fingerprint: the copy's are new.
        CheckResult compared = check(baselineFile, dir.resolve("infra"));
        assertEquals(both.findings().size() / 2, active(compared).size());
        assertEquals(List.of(), active(check(twice, dir.resolve("infra"))));
    }

    @Test
    void findingsWithTheirOwnSuppressionKeepIt() throws IOException {
        CheckResult recorded = check(null, template);
        Suppression expiredWaiver = new Suppression(Suppression.Kind.WAIVER, ".portcullis/waivers.yaml:3",
                "until the migration", "team-a", LocalDate.of(2020, 1, 1), true);
        List<Finding> findings = recorded.findings().stream().map(f -> f.withSuppression(expiredWaiver)).toList();
        CheckResult withWaivers = new CheckResult(findings, List.of(),
                Summary.of(1, 1, 2, findings, 0));
        CheckResult compared = Baseline.read(baselineFile.toString()).apply(withWaivers);
        for (Finding f : compared.findings()) {
            assertSame(expiredWaiver, f.suppression());
        }
        assertTrue(compared.failsAt(Severity.HIGH), "an expired waiver is not hidden by the baseline");

        assertTrue(compared.findings().stream().allMatch(Finding::inBaseline),
                "the baseline holds them, so they are not new");

        // Suppressed findings are not recorded: they have a record of their own.
        Path none = dir.resolve("none.json");
        assertEquals(0, Baseline.write(findings, none));
        assertEquals(0, Json.MAPPER.readTree(none.toFile()).get("findings").size());
    }

    @Test
    void aWaivedFindingTakesItsBaselineEntrySoTheBaselineHidesNoMoreThanItRecorded() throws IOException {
        // app.yaml and app.json share fingerprints: the baseline recorded one finding each, now there are two. The
        // entries go in report order, app.json first: its findings are waived, and take the entries all the same.
        Files.writeString(dir.resolve("infra/app.json"), GROUPS_JSON);
        CheckResult both = check(null, template, dir.resolve("infra/app.json"));
        Suppression waiver = new Suppression(Suppression.Kind.WAIVER, ".portcullis/waivers.yaml:3", "accepted risk",
                "team-a", null, false);
        List<Finding> findings = both.findings().stream()
                .map(f -> f.file().endsWith("app.json") ? f.withSuppression(waiver) : f).toList();
        CheckResult compared = Baseline.read(baselineFile.toString())
                .apply(new CheckResult(findings, List.of(), Summary.of(2, 2, 4, findings, 0)));

        for (Finding f : compared.findings()) {
            if (f.file().endsWith("app.json")) {
                assertSame(waiver, f.suppression(), "the waiver stays what suppresses it");
                assertTrue(f.inBaseline(), f.toString());
            } else {
                assertNull(f.suppression(), "its entry is taken: this one is new " + f);
                assertFalse(f.inBaseline(), f.toString());
            }
        }
        assertTrue(compared.failsAt(Severity.HIGH));
    }

    @Test
    void malformedBaselinesAreInputErrorsWithTheirLine() throws IOException {
        assertBad("{\"version\": 1,\n \"findings\": [\n", 3, "Unexpected end-of-input");
        assertBad("{\n  \"version\": 2,\n  \"findings\": []\n}\n", 2, "unsupported baseline version 2");
        assertBad("{\n  \"findings\": []\n}\n", null, "'version'");
        assertBad("{\"version\": 1,\n \"findings\": [\n  {\"fingerprint\": \"abc\", \"count\": 1}\n]}\n", 3,
                "fingerprint");
        assertBad("[]", 1, "not a valid baseline");
        InputException missing = assertThrows(InputException.class,
                () -> Baseline.read(dir.resolve("absent.json").toString()));
        assertEquals("baseline file not found", missing.getMessage());
    }

    private void assertBad(String content, Integer line, String messagePart) throws IOException {
        Path bad = write("bad.json", content);
        InputException e = assertThrows(InputException.class, () -> Baseline.read(bad.toString()));
        assertEquals(bad.toString(), e.file());
        if (line != null) {
            assertEquals(line, e.line(), e.getMessage());
        }
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
        assertFalse(e.getMessage().contains("Source:"), e.getMessage());
    }

    @Test
    void aBaselineThatCannotBeReadFailsTheRunAndSuppressesNothing() throws IOException {
        Path bad = write("bad.json", "{\"version\": \"one\", \"findings\": []}");
        CheckResult result = check(bad, template);
        assertEquals(1, result.errors().size());
        InputError error = result.errors().get(0);
        assertEquals(bad.toString(), error.file());
        assertEquals(1, error.line());
        assertTrue(result.hasInputError());
        assertFalse(result.findings().isEmpty());
        result.findings().forEach(f -> assertNull(f.suppression()));
    }
}
