package dev.portcullis.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputError;
import dev.portcullis.model.Severity;
import dev.portcullis.resolve.Inputs;
import org.junit.jupiter.api.Test;

/**
 * The default pack on templates written the way a careful platform team would write them: a rule that reports
 * a high or critical problem on one of them is a false positive (or the template is not as hardened as it
 * claims), either of which must be fixed before the catalog ships.
 */
class HardenedTemplatesTest {

    private static Path hardenedDir() {
        return Path.of(System.getProperty("portcullis.root", ".")).resolve("fixtures/hardened");
    }

    private static List<Path> templates(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void hardenedTemplatesRaiseNothingHighOrCritical() throws IOException {
        Path dir = hardenedDir();
        assertTrue(Files.isDirectory(dir), "no hardened fixtures at " + dir.toAbsolutePath());
        List<Path> templates = templates(dir);
        assertTrue(templates.size() >= 5, "expected at least 5 hardened templates, found " + templates);

        CheckResult result = new Gate().check(
                new CheckRequest(List.of(dir.toString()), Inputs.NONE), Progress.NONE);

        assertEquals(List.of(), result.errors().stream().map(InputError::oneLine).toList(),
                "hardened templates must parse and evaluate without errors");
        // Every template must actually have been evaluated; a skipped file would pass vacuously.
        assertEquals(templates.size(), result.summary().templates(),
                "templates evaluated (files: " + templates + ")");

        List<Finding> severe = result.findings().stream()
                .filter(f -> f.severity().atLeast(Severity.HIGH)).toList();
        List<Finding> others = result.findings().stream()
                .filter(f -> !f.severity().atLeast(Severity.HIGH)).toList();
        assertTrue(severe.isEmpty(), () -> "high or critical findings on hardened templates:\n" + describe(severe)
                + "\nother findings, for context:\n" + describe(others));
    }

    private static String describe(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "  (none)";
        }
        return findings.stream().sorted(Finding.ORDER)
                .map(f -> "  " + Path.of(f.file()).getFileName() + ":" + f.line() + " " + f.severity() + " "
                        + f.ruleId() + " " + f.resource() + ": " + f.message()
                        + (f.scenario() == null ? "" : " [" + f.scenario() + "]"))
                .collect(Collectors.joining("\n"));
    }
}
