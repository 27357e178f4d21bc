package dev.portcullis.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code portcullis} command as a user does: a separate JVM, started the way the launcher starts it (the
 * CLI's {@code main}), in a working directory of our choice, so configuration discovery, relative paths and the
 * process exit code are all the real ones.
 *
 * @param directory the working directory
 * @param today     the day waivers are judged on ({@code PORTCULLIS_TODAY}); null for the system date
 */
record Portcullis(Path directory, String today) {

    /** Only a guard against a hung process, never a measure of speed. */
    private static final long LIMIT_MINUTES = 5;

    /** One run: the exit code and what it printed. */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dev.portcullis.cli.Main"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("portcullis-out", ".txt");
        Path err = Files.createTempFile("portcullis-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> environment = builder.environment();
            environment.remove("NO_COLOR");
            environment.remove("PORTCULLIS_TODAY");
            if (today != null) {
                environment.put("PORTCULLIS_TODAY", today);
            }
            Process process = builder.start();
            if (!process.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("portcullis " + String.join(" ", args) + " did not finish");
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
