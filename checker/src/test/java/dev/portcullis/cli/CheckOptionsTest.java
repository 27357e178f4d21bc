package dev.portcullis.cli;

import static dev.portcullis.cli.ExitCodeTest.finding;
import static dev.portcullis.cli.ExitCodeTest.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.portcullis.cli.CliRun.CannedChecker;
import dev.portcullis.gate.CheckRequest;
import dev.portcullis.gate.Progress;
import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputError;
import dev.portcullis.model.Severity;
import dev.portcullis.resolve.Inputs;

/** How options reach the request and the report: help, version, inputs, formats, output and colour. */
class CheckOptionsTest {

    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");

    @ParameterizedTest
    @ValueSource(strings = {"check --help", "--help", "help check", "check -h"})
    void helpListsExitCodesAndExamples(String commandLine) {
        CliRun run = CliRun.of(new CannedChecker(result(List.of(), List.of())), Environment.PLAIN,
                commandLine.split(" "));
        assertEquals(0, run.exit());
        String help = run.out();
        assertTrue(help.contains("Exit codes"), help);
        for (String code : List.of("0", "1", "2", "3", "4")) {
            assertTrue(Pattern.compile("(?m)^\\s+" + code + "\\s+\\S").matcher(help).find(), "exit code " + code);
        }
        assertTrue(help.contains("Examples:"), help);
        assertTrue(help.contains("portcullis check "), help);
    }

    @Test
    void checkHelpDocumentsEveryOptionAndTheFailOnDefault() {
        String help = CliRun.of(new CannedChecker(result(List.of(), List.of())), Environment.PLAIN,
                "check", "--help").out();
        for (String option : List.of("--format", "--output", "--fail-on", "--parameters", "--parameter",
                "--region", "--account", "--no-color", "--stacktrace", "--version", "--help")) {
            assertTrue(help.contains(option), option);
        }
        assertTrue(help.replaceAll("\\s+", " ").contains("SEVERITY (default: medium)"), help);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "check --version", "-V"})
    void versionIsTheProjectVersion(String commandLine) {
        CliRun run = CliRun.of(new CannedChecker(result(List.of(), List.of())), Environment.PLAIN,
                commandLine.split(" "));
        assertEquals(0, run.exit());
        assertTrue(run.out().strip().matches("portcullis \\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?"), run.out());
    }

    @Test
    void pathsAndInputsReachTheGate() {
        CannedChecker checker = new CannedChecker(result(List.of(), List.of()));
        CliRun run = CliRun.of(checker, Environment.PLAIN, "check", "a.yaml", "dir/", "--region", "eu-west-1",
                "--account", "123456789012", "--parameter", "Env=prod", "-p", "Empty=", "-p", "Url=a=b");
        assertEquals(0, run.exit(), run.err());
        CheckRequest request = checker.requests.get(0);
        assertEquals(List.of("a.yaml", "dir/"), request.paths());
        assertEquals(new Inputs(Map.of("Env", "prod", "Empty", "", "Url", "a=b"), "eu-west-1", "123456789012"),
                request.inputs());
    }

    @Test
    void noInputsMeansNone() {
        CannedChecker checker = new CannedChecker(result(List.of(), List.of()));
        CliRun.of(checker, Environment.PLAIN, "check", "a.yaml");
        Inputs inputs = checker.requests.get(0).inputs();
        assertEquals(Map.of(), inputs.parameters());
        assertNull(inputs.region());
        assertNull(inputs.account());
    }

    @Test
    void parameterOptionWinsOverParametersFileAndLaterOptionWinsOverEarlier() {
        CannedChecker checker = new CannedChecker(result(List.of(), List.of()));
        CliRun run = CliRun.of(checker, Environment.PLAIN, "check", "a.yaml",
                "--parameters", CliRun.fixture("parameters-cli.json"),
                "--parameter", "Env=dev", "--parameter", "Size=5", "--parameter", "Size=7");
        assertEquals(0, run.exit(), run.err());
        assertEquals(Map.of("Env", "dev", "Subnets", "subnet-1,subnet-2", "Size", "7"),
                checker.requests.get(0).inputs().parameters());
    }

    @Test
    void badParametersFileIsThreeNamesFileAndLineAndSkipsTheCheck() throws IOException {
        CannedChecker checker = new CannedChecker(result(List.of(finding(Severity.HIGH)), List.of()));
        String file = CliRun.fixture("parameters-malformed.json");
        CliRun run = CliRun.of(checker, Environment.PLAIN, "check", "a.yaml", "--parameters", file,
                "--format", "json");
        assertEquals(3, run.exit());
        assertTrue(checker.requests.isEmpty());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.errLines().get(0).startsWith(file + ":3: "), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals(file, doc.get("errors").get(0).get("file").asText());
        assertEquals(3, doc.get("errors").get(0).get("line").asInt());
    }

    @Test
    void missingParametersFileIsThree() {
        CliRun run = CliRun.of(new CannedChecker(result(List.of(), List.of())), Environment.PLAIN,
                "check", "a.yaml", "--parameters", "no-such-params.json");
        assertEquals(3, run.exit());
        assertEquals(List.of("no-such-params.json: parameters file not found"), run.errLines());
    }

    @Test
    void textReportHasOneLinePerFindingAndASummary() {
        Finding scoped = new Finding("ec2-open-ssh", Severity.HIGH, "t.yaml", 9, 5, "Ssh",
                "AWS::EC2::SecurityGroup", "Resources/Ssh/Properties/SecurityGroupIngress/0/CidrIp",
                "SSH open to the world", "IsProd=true");
        Finding global = new Finding("template-description", Severity.INFO, "t.yaml", 1, 1, null, null,
                "Description", "template has no description", null);
        CliRun run = CliRun.of(new CannedChecker(result(List.of(global, scoped, finding(Severity.MEDIUM)), List.of())),
                Environment.PLAIN, "check", "t.yaml");
        assertEquals(1, run.exit());
        List<String> headlines = run.out().lines()
                .filter(l -> l.matches("\\S+:\\d+:\\d+  (critical|high|medium|low|info)  \\S+  \\S+  .+"))
                .toList();
        assertEquals(List.of(
                "t.yaml:1:1  info  template-description  -  template has no description",
                "t.yaml:4:3  medium  s3-bucket-encryption  Bucket  bucket is not encrypted",
                "t.yaml:9:5  high  ec2-open-ssh  Ssh  SSH open to the world  [when IsProd=true]"), headlines);
        List<String> lines = run.out().lines().toList();
        assertEquals("3 findings (1 high, 1 medium, 1 info) in 1 template", lines.get(lines.size() - 1));
    }

    @Test
    void errorsGoToStderrEvenWithJsonAndTheDocumentStaysClean() throws IOException {
        InputError bad = new InputError("b.yaml", 2, "found character '\\t' that cannot start any token");
        CliRun run = CliRun.of(new CannedChecker(result(List.of(finding(Severity.LOW)), List.of(bad))),
                Environment.PLAIN, "check", "b.yaml", "--format", "json");
        assertEquals(3, run.exit());
        assertEquals(List.of(bad.oneLine()), run.errLines());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals(1, doc.get("errors").size());
        assertEquals(1, doc.get("findings").size());
    }

    @Test
    void outputOptionWritesTheReportToTheFileAndNothingToStdout(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report.json");
        CheckResult r = result(List.of(finding(Severity.HIGH)), List.of());
        CliRun run = CliRun.of(new CannedChecker(r), new Environment(true, false),
                "check", "t.yaml", "--format", "json", "--output", report.toString());
        assertEquals(1, run.exit());
        assertEquals("", run.out());
        JsonNode doc = new ObjectMapper().readTree(Files.readString(report, StandardCharsets.UTF_8));
        assertEquals("s3-bucket-encryption", doc.get("findings").get(0).get("ruleId").asText());
    }

    @Test
    void textReportInAFileListsErrorsAndHasNoColour(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report.txt");
        InputError bad = new InputError("b.yaml", 2, "bad indentation");
        CliRun run = CliRun.of(new CannedChecker(result(List.of(finding(Severity.HIGH)), List.of(bad))),
                new Environment(true, false), "check", "t.yaml", "-o", report.toString());
        assertEquals(3, run.exit());
        String text = Files.readString(report, StandardCharsets.UTF_8);
        assertTrue(text.contains("b.yaml:2: bad indentation"), text);
        assertFalse(ANSI.matcher(text).find(), text);
    }

    @Test
    void dashMeansStdout() {
        CliRun run = CliRun.of(new CannedChecker(result(List.of(), List.of())), Environment.PLAIN,
                "check", "t.yaml", "--output", "-");
        assertEquals("No findings in 1 template", run.out().strip());
    }

    @Test
    void colourOnlyOnATerminalAndNotWhenRefused() {
        CheckResult r = result(List.of(finding(Severity.HIGH)), List.of());
        assertTrue(ANSI.matcher(CliRun.of(new CannedChecker(r), new Environment(true, false),
                "check", "t.yaml").out()).find());
        assertFalse(ANSI.matcher(CliRun.of(new CannedChecker(r), Environment.PLAIN,
                "check", "t.yaml").out()).find());
        assertFalse(ANSI.matcher(CliRun.of(new CannedChecker(r), new Environment(true, false),
                "check", "t.yaml", "--no-color").out()).find());
        assertFalse(ANSI.matcher(CliRun.of(new CannedChecker(r), new Environment(true, true),
                "check", "t.yaml").out()).find());
        assertFalse(ANSI.matcher(CliRun.of(new CannedChecker(r), new Environment(true, false),
                "check", "t.yaml", "--format", "json").out()).find());
    }

    @Test
    void progressOnlyOnATerminalForManyFiles() {
        Checker manyFiles = (request, progress, internalErrors) -> {
            for (int i = 1; i <= 12; i++) {
                progress.file(i, 12, "templates/t" + i + ".yaml");
            }
            return result(List.of(), List.of());
        };
        CliRun terminal = CliRun.of(manyFiles, new Environment(true, false), "check", "templates");
        assertTrue(terminal.err().contains("[12/12] templates/t12.yaml"), terminal.err());
        assertTrue(terminal.err().endsWith("\r\u001b[K"), "progress line is cleared");
        assertEquals("", CliRun.of(manyFiles, Environment.PLAIN, "check", "templates").err());
    }
}
