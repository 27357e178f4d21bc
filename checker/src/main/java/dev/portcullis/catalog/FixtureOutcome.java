package dev.portcullis.catalog;

import java.util.List;

/**
 * The result of running one rule on its annotated fixture: passed when the lines with findings equal the lines
 * annotated {@code ruleid} (and, when the fixture annotates any, the UNKNOWN lines equal the {@code unknown}
 * ones). {@code problems} says what differs, one line each, ready to print.
 */
public record FixtureOutcome(String ruleId, String fixture, List<String> problems) {

    public FixtureOutcome {
        problems = List.copyOf(problems);
    }

    public boolean passed() {
        return problems.isEmpty();
    }
}
