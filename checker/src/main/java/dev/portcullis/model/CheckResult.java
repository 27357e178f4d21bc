package dev.portcullis.model;

import java.util.List;

/**
 * The outcome of one check run over one or more paths: findings and errors sorted, and a summary.
 * {@code unknown} lists rule results the templates do not determine (e.g. a property set from a parameter without
 * a default), each with the reason as its message: reported apart from findings, never counted as a pass or a fail.
 */
public record CheckResult(List<Finding> findings, List<Finding> unknown, List<InputError> errors, Summary summary) {

    public CheckResult {
        findings = List.copyOf(findings);
        unknown = List.copyOf(unknown);
        errors = List.copyOf(errors);
    }

    /** A result without undetermined rule results. */
    public CheckResult(List<Finding> findings, List<InputError> errors, Summary summary) {
        this(findings, List.of(), errors, summary);
    }

    public boolean hasInternalError() {
        return errors.stream().anyMatch(InputError::internal);
    }

    public boolean hasInputError() {
        return errors.stream().anyMatch(e -> !e.internal());
    }

    /** True when some finding that is not suppressed is at or above {@code failOn}. */
    public boolean failsAt(Severity failOn) {
        return findings.stream().anyMatch(f -> !f.suppressed() && f.severity().atLeast(failOn));
    }
}
