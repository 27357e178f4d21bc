package dev.portcullis.catalog;

import dev.portcullis.engine.ResourceContext;

/**
 * Logic a rule needs that its YAML cannot say (IAM policy analysis, port ranges, relations between resources).
 * A rule file names the check ({@code check: iam.wildcard-action}) and holds all metadata; the check only computes
 * violations. It is called once per resource of the rule's {@code resourceTypes} per condition scenario, must be
 * stateless, and reports each offending value (or, for a missing property, nothing: {@code span == null} points at
 * the resource key) through {@link Violations}. A rule with no violation in a scenario passes there.
 *
 * @param <P> the record the rule's {@code params} bind to (with Jackson, at load time); {@link NoParams} for none
 */
public interface RuleCheck<P extends Record> {

    /** The record type of this check's {@code params}. */
    Class<P> params();

    /** Adds to {@code out} every violation of the rule by {@code context}'s resource in its scenario. */
    void evaluate(ResourceContext context, P params, Violations out);
}
