package dev.portcullis.checks.values;

/**
 * A three-valued answer to a question about a template value: {@code MAYBE} when the template leaves the value
 * open (a parameter without a default, an imported value), so a check can report UNKNOWN instead of guessing.
 */
public enum Answer {
    YES, NO, MAYBE;

    public static Answer of(boolean value) {
        return value ? YES : NO;
    }

    /** Kleene disjunction: YES wins, then MAYBE. */
    public Answer or(Answer other) {
        if (this == YES || other == YES) {
            return YES;
        }
        return this == MAYBE || other == MAYBE ? MAYBE : NO;
    }

    /** Kleene conjunction: NO wins, then MAYBE. */
    public Answer and(Answer other) {
        if (this == NO || other == NO) {
            return NO;
        }
        return this == MAYBE || other == MAYBE ? MAYBE : YES;
    }

    public Answer not() {
        return this == YES ? NO : this == NO ? YES : MAYBE;
    }
}
