package dev.portcullis.model;

import java.util.Comparator;

/**
 * One reported problem. {@code line}/{@code column} are those of the offending property, or of the
 * resource key when the property is missing. {@code scenario} is null when the finding holds in every
 * feasible condition scenario, else a description of the scenarios it holds in (e.g. {@code IsProd=false}).
 * {@code suppression} is null for an active finding (see {@link Suppression}); {@code origin} is null unless the
 * template came from a CDK cloud assembly. {@code inBaseline} is true when the check compared with a baseline and
 * the baseline holds this finding, whatever else suppresses it (or fails to): a waived finding that was already
 * there when the baseline was made is not new.
 */
public record Finding(
        String ruleId,
        Severity severity,
        String file,
        int line,
        int column,
        String resource,
        String resourceType,
        String path,
        String message,
        String scenario,
        Suppression suppression,
        CdkOrigin origin,
        boolean inBaseline) {

    /** An active finding outside a CDK cloud assembly. */
    public Finding(String ruleId, Severity severity, String file, int line, int column, String resource,
                   String resourceType, String path, String message, String scenario) {
        this(ruleId, severity, file, line, column, resource, resourceType, path, message, scenario, null, null);
    }

    /** A finding not compared with a baseline. */
    public Finding(String ruleId, Severity severity, String file, int line, int column, String resource,
                   String resourceType, String path, String message, String scenario, Suppression suppression,
                   CdkOrigin origin) {
        this(ruleId, severity, file, line, column, resource, resourceType, path, message, scenario, suppression,
                origin, false);
    }

    /** Deterministic output order: file, position, rule, resource, path. */
    public static final Comparator<Finding> ORDER = Comparator
            .comparing(Finding::file)
            .thenComparingInt(Finding::line)
            .thenComparingInt(Finding::column)
            .thenComparing(Finding::ruleId)
            .thenComparing(f -> f.resource() == null ? "" : f.resource())
            .thenComparing(Finding::path)
            .thenComparing(Finding::message);

    public static Finding at(String ruleId, Severity severity, Span span, String resource, String resourceType,
                             String path, String message) {
        return new Finding(ruleId, severity, span.file(), span.line(), span.column(), resource, resourceType,
                path, message, null);
    }

    public Finding withScenario(String scenarioDescription) {
        return new Finding(ruleId, severity, file, line, column, resource, resourceType, path, message,
                scenarioDescription, suppression, origin, inBaseline);
    }

    public Finding withSuppression(Suppression value) {
        return new Finding(ruleId, severity, file, line, column, resource, resourceType, path, message, scenario,
                value, origin, inBaseline);
    }

    public Finding withOrigin(CdkOrigin value) {
        return new Finding(ruleId, severity, file, line, column, resource, resourceType, path, message, scenario,
                suppression, value, inBaseline);
    }

    /** The same finding, held by the baseline the check compared with. */
    public Finding withBaseline() {
        return new Finding(ruleId, severity, file, line, column, resource, resourceType, path, message, scenario,
                suppression, origin, true);
    }

    /** True when a suppression that has not expired keeps this finding out of the exit code. */
    public boolean suppressed() {
        return suppression != null && suppression.suppresses();
    }
}
