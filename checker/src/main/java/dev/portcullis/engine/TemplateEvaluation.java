package dev.portcullis.engine;

import java.util.List;

import dev.portcullis.model.Finding;

/**
 * The results of one template: findings (FAIL), results the template does not determine (UNKNOWN, the reason as
 * message), and how many resources were evaluated.
 */
public record TemplateEvaluation(List<Finding> findings, List<Finding> unknown, int resources) {

    public TemplateEvaluation {
        findings = List.copyOf(findings);
        unknown = List.copyOf(unknown);
    }

    public TemplateEvaluation(List<Finding> findings, int resources) {
        this(findings, List.of(), resources);
    }
}
