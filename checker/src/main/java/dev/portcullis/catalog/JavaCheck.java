package dev.portcullis.catalog;

import dev.portcullis.engine.ResourceContext;

/** A rule's {@code check:}: the registered Java check, by name, with the rule's {@code params} bound to its record. */
public record JavaCheck<P extends Record>(String name, RuleCheck<P> check, P params) {

    void evaluate(ResourceContext context, Violations out) {
        check.evaluate(context, params, out);
    }
}
