package dev.portcullis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputError;
import dev.portcullis.model.Severity;
import dev.portcullis.model.Summary;

/** The text report: headline format, code frames, errors and the summary line. */
class TextReporterTest {

    private static final String TEMPLATE = """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  AccessControl: PublicRead
            """;

    private static String render(Style style, boolean listErrors, List<Finding> findings, List<InputError> errors,
                                 int files) throws IOException {
        StringWriter out = new StringWriter();
        new TextReporter(style, listErrors).write(
                new CheckResult(findings, errors, Summary.of(files, files - errors.size(), 1, findings, errors.size())),
                out);
        return out.toString();
    }

    private static Finding at(String file, int line, int column, Severity severity, String rule) {
        return new Finding(rule, severity, file, line, column, "Bucket", "AWS::S3::Bucket",
                "Resources/Bucket/Properties/AccessControl", "bucket is public", null);
    }

    @Test
    void headlineThenFrameWithCaretUnderTheColumn(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, TEMPLATE);
        String text = render(Style.PLAIN, false, List.of(at(file.toString(), 5, 22, Severity.HIGH, "s3-public")),
                List.of(), 1);
        assertEquals(file + ":5:22  high  s3-public  Bucket  bucket is public\n"
                + "  4 |     Properties:\n"
                + "> 5 |       AccessControl: PublicRead\n"
                + "    |                      ^\n"
                + "\n"
                + "1 finding (1 high) in 1 template\n", text);
    }

    @Test
    void frameAtTheFirstAndLastLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, TEMPLATE);
        String text = render(Style.PLAIN, false, List.of(
                at(file.toString(), 1, 1, Severity.LOW, "first"),
                at(file.toString(), 5, 7, Severity.LOW, "last")), List.of(), 1);
        assertTrue(text.contains("> 1 | Resources:\n    | ^\n  2 |   Bucket:\n"), text);
        assertTrue(text.contains("> 5 |       AccessControl: PublicRead\n    |       ^\n\n"), text);
    }

    @Test
    void gutterWidensForTwoDigitLines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, "a\n".repeat(9) + "b: x\n" + "c\n");
        String text = render(Style.PLAIN, false, List.of(at(file.toString(), 10, 4, Severity.LOW, "r")),
                List.of(), 1);
        assertTrue(text.contains("   9 | a\n> 10 | b: x\n     |    ^\n  11 | c\n"), text);
    }

    @Test
    void tabsAreKeptSoTheCaretLinesUp(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.json");
        Files.writeString(file, "{\n\t\"Resources\": 1\n}\n");
        String text = render(Style.PLAIN, false, List.of(at(file.toString(), 2, 3, Severity.LOW, "r")),
                List.of(), 1);
        assertTrue(text.contains("> 2 | \t\"Resources\": 1\n    | \t ^\n"), text);
    }

    @Test
    void longLinesShowAWindowAroundTheColumn(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("min.json");
        String line = "{\"Resources\":{" + "\"x\":1,".repeat(200) + "\"Target\":true}}";
        Files.writeString(file, line);
        int column = line.indexOf("\"Target\"") + 1;
        String text = render(Style.PLAIN, false, List.of(at(file.toString(), 1, column, Severity.LOW, "r")),
                List.of(), 1);
        List<String> lines = text.lines().toList();
        String shown = lines.get(1);
        String caret = lines.get(2);
        assertTrue(shown.length() < 200, shown);
        assertTrue(shown.startsWith("> 1 | …"), shown);
        int caretAt = caret.indexOf('^');
        assertEquals("\"Target\"", shown.substring(caretAt, caretAt + 8));
    }

    @Test
    void noFrameWhenTheFileCannotBeRead() throws IOException {
        String text = render(Style.PLAIN, false, List.of(at("gone/t.yaml", 3, 1, Severity.MEDIUM, "r")),
                List.of(), 1);
        assertEquals("gone/t.yaml:3:1  medium  r  Bucket  bucket is public\n\n1 finding (1 medium) in 1 template\n",
                text);
    }

    @Test
    void scenarioAndTemplateWideFindings() throws IOException {
        Finding scoped = new Finding("r", Severity.CRITICAL, "t.yaml", 2, 3, "Db", "AWS::RDS::DBInstance",
                "Resources/Db/Properties/PubliclyAccessible", "database is public", "IsProd=false, UseKms=true");
        Finding global = new Finding("g", Severity.INFO, "t.yaml", 1, 1, null, null, "", "no description", null);
        List<String> lines = render(Style.PLAIN, false, List.of(scoped, global), List.of(), 1).lines().toList();
        assertEquals("t.yaml:1:1  info  g  -  no description", lines.get(0));
        assertEquals("t.yaml:2:3  critical  r  Db  database is public  [when IsProd=false, UseKms=true]",
                lines.get(2));
    }

    @Test
    void errorsListedOnlyWhenAsked() throws IOException {
        List<InputError> errors = List.of(new InputError("z.yaml", null, "file not found"),
                new InputError("a.yaml", 4, "bad indentation"));
        String listed = render(Style.PLAIN, true, List.of(), errors, 3);
        assertEquals("a.yaml:4: bad indentation\nz.yaml: file not found\nNo findings in 3 templates, 2 errors\n",
                listed);
        assertEquals("No findings in 3 templates, 2 errors\n", render(Style.PLAIN, false, List.of(), errors, 3));
    }

    @Test
    void summaryLineCountsEverySeverityPresentMostSevereFirst() {
        List<Finding> findings = List.of(at("t", 1, 1, Severity.MEDIUM, "a"), at("t", 2, 1, Severity.HIGH, "b"),
                at("t", 3, 1, Severity.MEDIUM, "c"));
        assertEquals("3 findings (1 high, 2 medium) in 12 templates, 1 error",
                TextReporter.summaryLine(Summary.of(12, 11, 40, findings, 1)));
        assertEquals("No findings in 0 templates", TextReporter.summaryLine(Summary.of(0, 0, 0, List.of(), 0)));
    }

    @Test
    void colourOnlyWithTheColourStyle(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, TEMPLATE);
        List<Finding> f = List.of(at(file.toString(), 5, 7, Severity.HIGH, "r"));
        String coloured = render(Style.COLOR, false, f, List.of(), 1);
        assertTrue(coloured.contains("\u001b[1;31mhigh\u001b[0m"), coloured);
        assertFalse(render(Style.PLAIN, false, f, List.of(), 1).contains("\u001b"));
    }

    @Test
    void findingsAreSortedWhateverTheInputOrder() throws IOException {
        List<Finding> findings = List.of(at("b.yaml", 1, 1, Severity.LOW, "x"), at("a.yaml", 9, 1, Severity.LOW, "x"),
                at("a.yaml", 2, 5, Severity.LOW, "y"), at("a.yaml", 2, 5, Severity.LOW, "x"));
        List<String> heads = render(Style.PLAIN, false, findings, List.of(), 2).lines()
                .filter(l -> !l.isEmpty() && !l.startsWith("4 findings")).map(l -> l.split("  ")[0] + " "
                        + l.split("  ")[2]).toList();
        assertEquals(List.of("a.yaml:2:5 x", "a.yaml:2:5 y", "a.yaml:9:1 x", "b.yaml:1:1 x"), heads);
    }

    @Test
    void templateTextCannotRestyleTheTerminalOrBreakLines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, "Resources:\n  X: \"\u001b[2J\"\n");
        Finding hostile = new Finding("r", Severity.LOW, file.toString(), 2, 3, "X\u001b[31m", "T", "p",
                "value \"\u001b[2J\"\nsecond line", null);
        InputError multiLine = new InputError("b.yaml", 3, "while parsing a block mapping\n  in 'reader', line 2");
        String text = render(Style.PLAIN, true, List.of(hostile), List.of(multiLine), 2);
        assertFalse(text.contains("\u001b"), text);
        List<String> lines = text.lines().toList();
        assertEquals(file + ":2:3  low  r  X?[31m  value \"?[2J\" second line", lines.get(0));
        assertEquals("> 2 |   X: \"?[2J\"", lines.get(2));
        assertTrue(lines.contains("b.yaml:3: while parsing a block mapping in 'reader', line 2"), text);
    }

    @Test
    void undeterminedResultsAreCountedAndListedOnlyWhenAsked() throws IOException {
        Finding unknown = new Finding("s3-bucket-versioning", Severity.MEDIUM, "t.yaml", 11, 9, "Bucket",
                "AWS::S3::Bucket", "Resources/Bucket/Properties/VersioningConfiguration/Status",
                "parameter Status has no default", "IsProd=true");
        CheckResult result = new CheckResult(List.of(), List.of(unknown), List.of(),
                Summary.of(1, 1, 1, List.of(), 0, 1));
        StringWriter hidden = new StringWriter();
        new TextReporter(Style.PLAIN, false).write(result, hidden);
        assertEquals("No findings in 1 template, 1 undetermined\n", hidden.toString());
        StringWriter shown = new StringWriter();
        new TextReporter(Style.PLAIN, false, true).write(result, shown);
        assertEquals("Undetermined: the templates do not decide these rules\n"
                + "t.yaml:11:9  unknown  s3-bucket-versioning  Bucket  parameter Status has no default  [when IsProd=true]\n"
                + "\n"
                + "No findings in 1 template, 1 undetermined\n", shown.toString());
    }
}
