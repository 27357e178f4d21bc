package dev.portcullis.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * What the CLI needs to know about where it runs, read once so tests can choose it.
 *
 * @param terminal         whether the process talks to a terminal (decides colour and progress)
 * @param noColor          whether the {@code NO_COLOR} convention asks for plain output
 * @param workingDirectory where the search for {@code .portcullis.yaml} starts
 * @param today            the day waivers are judged on, when {@value #TODAY} sets it; null for the system date
 */
record Environment(boolean terminal, boolean noColor, Path workingDirectory, LocalDate today) {

    /**
     * Sets the day waiver expiry is judged on, e.g. to see which waivers will have expired by a release, or to
     * make a report reproducible. The CLI says on standard error whenever it is set, so it never changes a
     * result unnoticed.
     */
    static final String TODAY = "PORTCULLIS_TODAY";

    static final Environment PLAIN = new Environment(false, false);

    /** An environment in the process's working directory, on the system date. */
    Environment(boolean terminal, boolean noColor) {
        this(terminal, noColor, Path.of("").toAbsolutePath(), null);
    }

    /**
     * The process's environment.
     *
     * @throws IllegalArgumentException when {@value #TODAY} is set but is not a date
     */
    static Environment current() {
        return of(System.getenv(), System.console() != null);
    }

    static Environment of(Map<String, String> variables, boolean terminal) {
        String noColor = variables.get("NO_COLOR");
        return new Environment(terminal, noColor != null && !noColor.isEmpty()).on(today(variables.get(TODAY)));
    }

    private static LocalDate today(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(TODAY + ": expected a date like 2026-11-24 but was '" + value + "'",
                    e);
        }
    }

    Environment in(Path directory) {
        return new Environment(terminal, noColor, directory, today);
    }

    /** The same environment, judging waivers on {@code day} (null: the system date). */
    Environment on(LocalDate day) {
        return new Environment(terminal, noColor, workingDirectory, day);
    }

    /** The clock the gate takes today's date from. */
    Clock clock() {
        return today == null ? Clock.systemDefaultZone()
                : Clock.fixed(today.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC);
    }
}
