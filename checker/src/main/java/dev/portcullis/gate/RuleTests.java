package dev.portcullis.gate;

import java.util.List;

import dev.portcullis.catalog.FixtureOutcome;
import dev.portcullis.model.InputError;

/** The outcome of running a directory's rules on their annotated fixtures, and the rule files that did not load. */
public record RuleTests(List<FixtureOutcome> outcomes, List<InputError> errors) {

    public RuleTests {
        outcomes = List.copyOf(outcomes);
        errors = List.copyOf(errors);
    }

    public boolean allPassed() {
        return outcomes.stream().allMatch(FixtureOutcome::passed);
    }
}
