package dev.portcullis.gate;

import java.util.List;

import dev.portcullis.resolve.Inputs;

/**
 * What to check: paths as the user wrote them (files or directories), the deployment inputs, which rules, the
 * project settings ({@code .portcullis.yaml} and the waiver file; null when there are none), which give waivers,
 * the inline-suppression policy and parameter values per template, and a baseline file as the user wrote it
 * ({@link Baseline}; null for none).
 */
public record CheckRequest(List<String> paths, Inputs inputs, RuleOptions rules, ProjectConfig project,
                           String baseline) {

    public CheckRequest {
        paths = List.copyOf(paths);
        rules = rules == null ? RuleOptions.DEFAULT : rules;
    }

    /** A request without project settings or baseline. */
    public CheckRequest(List<String> paths, Inputs inputs, RuleOptions rules) {
        this(paths, inputs, rules, null, null);
    }

    /** A request with the default rules and without project settings or baseline. */
    public CheckRequest(List<String> paths, Inputs inputs) {
        this(paths, inputs, null, null, null);
    }
}
