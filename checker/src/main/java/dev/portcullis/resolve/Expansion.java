package dev.portcullis.resolve;

import java.util.List;

import dev.portcullis.model.Span;
import dev.portcullis.model.Template;

/**
 * The template after {@code AWS::LanguageExtensions} loops are expanded, and notes on loops that could not
 * be expanded (their resources are then not checked, which the caller should report).
 */
public record Expansion(Template template, List<Expansion.Note> notes) {

    /** A loop that was not expanded: where it is and why. */
    public record Note(Span span, String message) {
    }


    public Expansion {
        notes = List.copyOf(notes);
    }
}
