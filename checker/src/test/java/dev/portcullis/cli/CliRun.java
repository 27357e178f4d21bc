package dev.portcullis.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.portcullis.gate.CheckRequest;
import dev.portcullis.gate.Progress;
import dev.portcullis.model.CheckResult;

/** One in-process run of the CLI: its exit code and what it printed. */
record CliRun(int exit, String out, String err) {

    static CliRun of(Checker checker, Environment environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), checker, environment);
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A run against the real gate, as {@code Main.run} does it. */
    static CliRun real(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    List<String> errLines() {
        return err.isEmpty() ? List.of() : err.lines().toList();
    }

    /** A test resource of this package as a file path. */
    static String fixture(String name) {
        try {
            return Path.of(CliRun.class.getResource(name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A checker that returns a fixed result and remembers what it was asked. */
    static final class CannedChecker implements Checker {
        final CheckResult result;
        final List<CheckRequest> requests = new ArrayList<>();

        CannedChecker(CheckResult result) {
            this.result = result;
        }

        @Override
        public CheckResult check(CheckRequest request, Progress progress, Consumer<Throwable> internalErrors) {
            requests.add(request);
            return result;
        }
    }
}
