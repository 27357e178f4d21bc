package dev.portcullis.cli;

import java.nio.file.Path;

/**
 * What the CLI needs to know about where it runs, read once so tests can choose it.
 *
 * @param terminal         whether the process talks to a terminal (decides colour and progress)
 * @param noColor          whether the {@code NO_COLOR} convention asks for plain output
 * @param workingDirectory where the search for {@code .portcullis.yaml} starts
 */
record Environment(boolean terminal, boolean noColor, Path workingDirectory) {

    static final Environment PLAIN = new Environment(false, false);

    /** An environment in the process's working directory. */
    Environment(boolean terminal, boolean noColor) {
        this(terminal, noColor, Path.of("").toAbsolutePath());
    }

    static Environment current() {
        String noColor = System.getenv("NO_COLOR");
        return new Environment(System.console() != null, noColor != null && !noColor.isEmpty());
    }

    Environment in(Path directory) {
        return new Environment(terminal, noColor, directory);
    }
}
