package dev.portcullis.catalog;

import dev.portcullis.engine.ResourceContext;
import dev.portcullis.model.Span;
import dev.portcullis.resolve.Value;

/**
 * What an assertion's paths start from: the resource's evaluated {@code Properties} (null when it has none), or
 * one list element inside {@code each}/{@code some}. {@code path} is the subject's finding path relative to
 * {@code Properties}; {@code anchor} is where findings about missing values point (the resource key at the top,
 * the element inside a quantifier).
 */
record Subject(ResourceContext context, Value value, String path, Span anchor) {

    static Subject of(ResourceContext context) {
        return new Subject(context, context.properties(), "", context.resource().keySpan());
    }

    Subject element(Value item, String itemPath) {
        return new Subject(context, item, itemPath, item.span());
    }
}
