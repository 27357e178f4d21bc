package dev.portcullis.catalog;

/** The parameters of a {@link RuleCheck} that takes none; a rule naming such a check must not give {@code params}. */
public record NoParams() {
}
