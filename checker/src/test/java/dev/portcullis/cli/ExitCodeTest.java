package dev.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.portcullis.cli.CliRun.CannedChecker;
import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputError;
import dev.portcullis.model.Severity;
import dev.portcullis.model.Summary;

/** Exit codes from results, from usage errors, from a crashing gate, and their precedence. */
class ExitCodeTest {

    static Finding finding(Severity severity) {
        return new Finding("s3-bucket-encryption", severity, "t.yaml", 4, 3, "Bucket", "AWS::S3::Bucket",
                "Resources/Bucket/Properties/BucketEncryption", "bucket is not encrypted", null);
    }

    static CheckResult result(List<Finding> findings, List<InputError> errors) {
        return new CheckResult(findings, errors, Summary.of(1 + errors.size(), 1, 1, findings, errors.size()));
    }

    private static CliRun check(CheckResult result, String... options) {
        List<String> args = new ArrayList<>(List.of("check", "t.yaml"));
        args.addAll(List.of(options));
        return CliRun.of(new CannedChecker(result), Environment.PLAIN, args.toArray(String[]::new));
    }

    @Test
    void noFindingsIsZero() {
        assertEquals(0, check(result(List.of(), List.of())).exit());
    }

    @ParameterizedTest(name = "{0} finding with --fail-on {1} exits {2}")
    @CsvSource({
        "medium, medium, 1",
        "high, medium, 1",
        "low, medium, 0",
        "info, medium, 0",
        "low, low, 1",
        "high, critical, 0",
        "critical, CRITICAL, 1",
        "info, info, 1"})
    void findingsCountFromFailOn(String severity, String failOn, int exit) {
        CheckResult r = result(List.of(finding(Severity.parse(severity))), List.of());
        assertEquals(exit, check(r, "--fail-on", failOn).exit());
    }

    @Test
    void defaultFailOnIsMedium() {
        assertEquals(1, check(result(List.of(finding(Severity.MEDIUM)), List.of())).exit());
        assertEquals(0, check(result(List.of(finding(Severity.LOW)), List.of())).exit());
    }

    @Test
    void inputErrorIsThreeAndBeatsFindings() {
        InputError bad = new InputError("broken.yaml", 7, "mapping values are not allowed here");
        CliRun run = check(result(List.of(finding(Severity.CRITICAL)), List.of(bad)));
        assertEquals(3, run.exit());
        assertEquals(List.of("broken.yaml:7: mapping values are not allowed here"), run.errLines());
    }

    @Test
    void inputErrorIsThreeEvenWhenNoFindingReachesFailOn() {
        InputError bad = new InputError("missing.yaml", null, "no such file");
        assertEquals(3, check(result(List.of(), List.of(bad)), "--fail-on", "critical").exit());
    }

    @Test
    void internalErrorInResultIsFourAndBeatsInputErrorsAndFindings() {
        List<InputError> errors = List.of(
                new InputError("a.yaml", 3, "bad indentation"),
                new InputError("b.yaml", null, "check failed: NullPointerException", true));
        assertEquals(4, check(result(List.of(finding(Severity.HIGH)), errors)).exit());
    }

    @Test
    void crashingGateIsFourWithOneLineAndNoStackTrace() {
        Checker crashing = (request, progress, internalErrors) -> {
            throw new IllegalStateException("catalog index out of sync");
        };
        CliRun run = CliRun.of(crashing, Environment.PLAIN, "check", "t.yaml");
        assertEquals(4, run.exit());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains("internal error: IllegalStateException: catalog index out of sync"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void crashingGateShowsStackTraceOnRequest() {
        Checker crashing = (request, progress, internalErrors) -> {
            throw new IllegalStateException("catalog index out of sync");
        };
        CliRun run = CliRun.of(crashing, Environment.PLAIN, "check", "t.yaml", "--stacktrace");
        assertEquals(4, run.exit());
        assertTrue(run.err().contains("\tat dev.portcullis.cli."), run.err());
    }

    @Test
    void internalErrorsTheGateSurvivedShowTheirStackTraceOnlyOnRequest() {
        Checker survivor = (request, progress, internalErrors) -> {
            internalErrors.accept(new ArithmeticException("division by zero in a check"));
            return result(List.of(), List.of(new InputError("t.yaml", null,
                    "internal error: ArithmeticException: division by zero in a check", true)));
        };
        CliRun quiet = CliRun.of(survivor, Environment.PLAIN, "check", "t.yaml");
        assertEquals(4, quiet.exit());
        assertEquals(List.of("t.yaml: internal error: ArithmeticException: division by zero in a check"),
                quiet.errLines());
        CliRun traced = CliRun.of(survivor, Environment.PLAIN, "check", "t.yaml", "--stacktrace");
        assertTrue(traced.err().contains("java.lang.ArithmeticException: division by zero in a check\n\tat "),
                traced.err());
    }

    @Test
    void crashingGateStillWritesAJsonDocumentSoReadersSeeTheFailure() {
        Checker crashing = (request, progress, internalErrors) -> {
            throw new StackOverflowError();
        };
        CliRun run = CliRun.of(crashing, Environment.PLAIN, "check", "t.yaml", "--format", "json");
        assertEquals(4, run.exit());
        assertTrue(run.out().contains("\"errors\""), run.out());
        assertTrue(run.out().contains("internal error: StackOverflowError"), run.out());
    }

    @ParameterizedTest(name = "usage error: {0}")
    @CsvSource(delimiter = '|', value = {
        "check t.yaml --colour                       | Unknown option",
        "check t.yaml --fail-on severe               | unknown severity 'severe'",
        "check                                       | Missing required parameter",
        "check t.yaml --parameter Env                | expected KEY=VALUE",
        "check t.yaml --parameter =prod              | expected KEY=VALUE",
        "check t.yaml --format xml                   | unknown format 'xml'",
        "check t.yaml --account 12345                | expected 12 digits",
        "check t.yaml --region Mars                  | expected a region name",
        "lint t.yaml                                 | Unmatched arguments",
        "''                                          | missing command"})
    void usageErrorsAreTwoWithOneLineAndAHint(String commandLine, String expected) {
        String[] args = commandLine.isBlank() ? new String[0] : commandLine.trim().split("\\s+");
        CannedChecker checker = new CannedChecker(result(List.of(), List.of()));
        CliRun run = CliRun.of(checker, Environment.PLAIN, args);
        assertEquals(2, run.exit(), run.err());
        assertEquals(2, run.errLines().size(), run.err());
        assertTrue(run.errLines().get(0).contains(expected), run.err());
        assertTrue(run.errLines().get(1).contains("--help"), run.err());
        assertTrue(checker.requests.isEmpty(), "the gate must not run on a usage error");
        assertEquals("", run.out());
    }

    @Test
    void misspelledOptionGetsASuggestion() {
        CliRun run = CliRun.of(new CannedChecker(result(List.of(), List.of())), Environment.PLAIN,
                "check", "t.yaml", "--fail-onn", "high");
        assertEquals(2, run.exit());
        assertTrue(run.errLines().get(1).contains("Did you mean --fail-on"), run.err());
    }

    @Test
    void unwritableOutputIsAUsageErrorUnlessSomethingWorseHappened() {
        String nowhere = "/nonexistent-dir/report.json";
        assertEquals(2, check(result(List.of(finding(Severity.HIGH)), List.of()), "--output", nowhere).exit());
        assertEquals(3, check(result(List.of(), List.of(new InputError("x.yaml", 1, "bad"))),
                "--output", nowhere).exit());
    }

    @Test
    void precedenceFollowsTheCodes() {
        assertEquals(ExitCode.INTERNAL, ExitCode.INPUT.worst(ExitCode.INTERNAL));
        assertEquals(ExitCode.INPUT, ExitCode.INPUT.worst(ExitCode.USAGE));
        assertEquals(ExitCode.USAGE, ExitCode.FINDINGS.worst(ExitCode.USAGE));
        assertEquals(ExitCode.FINDINGS, ExitCode.OK.worst(ExitCode.FINDINGS));
    }
}
