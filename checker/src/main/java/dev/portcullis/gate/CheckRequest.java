package dev.portcullis.gate;

import java.util.List;

import dev.portcullis.resolve.Inputs;

/**
 * What to check: paths as the user wrote them (files or directories), the deployment inputs, and which rules.
 * {@code baseline} is a baseline file as the user wrote it ({@link Baseline}), or null for none.
 */
public record CheckRequest(List<String> paths, Inputs inputs, RuleOptions rules, String baseline) {

    public CheckRequest {
        paths = List.copyOf(paths);
        rules = rules == null ? RuleOptions.DEFAULT : rules;
    }

    /** A request without a baseline. */
    public CheckRequest(List<String> paths, Inputs inputs, RuleOptions rules) {
        this(paths, inputs, rules, null);
    }

    /** A request for the default rules. */
    public CheckRequest(List<String> paths, Inputs inputs) {
        this(paths, inputs, RuleOptions.DEFAULT);
    }
}
