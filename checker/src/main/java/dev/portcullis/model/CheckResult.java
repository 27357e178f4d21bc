package dev.portcullis.model;

import java.util.List;

/** The outcome of one check run over one or more paths: findings and errors sorted, and a summary. */
public record CheckResult(List<Finding> findings, List<InputError> errors, Summary summary) {

    public CheckResult {
        findings = List.copyOf(findings);
        errors = List.copyOf(errors);
    }

    public boolean hasInternalError() {
        return errors.stream().anyMatch(InputError::internal);
    }

    public boolean hasInputError() {
        return errors.stream().anyMatch(e -> !e.internal());
    }

    /** True when some finding is at or above {@code failOn}. */
    public boolean failsAt(Severity failOn) {
        return findings.stream().anyMatch(f -> f.severity().atLeast(failOn));
    }
}
