package dev.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The examples at the end of each command's help are meant to be copied into a shell: picocli wraps a footer line
 * longer than the usage width, which would split a command (and a CIDR) across two lines.
 */
class HelpExamplesTest {

    @ParameterizedTest
    @ValueSource(strings = {"check", "baseline", "replay", "rules"})
    void everyExampleIsOneWholeCommandLine(String command) {
        CliRun run = CliRun.real(command, "--help");
        assertEquals(0, run.exit());
        List<String> lines = run.out().lines().toList();
        int heading = lines.indexOf("Examples:");
        assertTrue(heading >= 0, run.out());
        List<String> examples = lines.subList(heading + 1, lines.size()).stream()
                .filter(line -> !line.isBlank()).toList();
        assertFalse(examples.isEmpty(), run.out());
        for (String example : examples) {
            assertTrue(example.startsWith("  portcullis "), "a wrapped example line: '" + example + "'");
        }
    }
}
