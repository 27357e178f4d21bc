package dev.portcullis.cli;

/**
 * What the CLI needs to know about where it runs, read once so tests can choose it.
 *
 * @param terminal whether the process talks to a terminal (decides colour and progress)
 * @param noColor  whether the {@code NO_COLOR} convention asks for plain output
 */
record Environment(boolean terminal, boolean noColor) {

    static final Environment PLAIN = new Environment(false, false);

    static Environment current() {
        String noColor = System.getenv("NO_COLOR");
        return new Environment(System.console() != null, noColor != null && !noColor.isEmpty());
    }
}
