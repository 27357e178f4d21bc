package dev.portcullis.gate;

import java.util.List;

import dev.portcullis.resolve.Inputs;

/**
 * What to check: paths as the user wrote them (files or directories), the deployment inputs, and which rules.
 */
public record CheckRequest(List<String> paths, Inputs inputs, RuleOptions rules) {

    public CheckRequest {
        paths = List.copyOf(paths);
        rules = rules == null ? RuleOptions.DEFAULT : rules;
    }

    /** A request for the default rules. */
    public CheckRequest(List<String> paths, Inputs inputs) {
        this(paths, inputs, RuleOptions.DEFAULT);
    }
}
