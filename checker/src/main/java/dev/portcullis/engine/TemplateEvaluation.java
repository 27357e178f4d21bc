package dev.portcullis.engine;

import java.util.List;

import dev.portcullis.model.Finding;

/** The findings of one template and how many resources were evaluated. */
public record TemplateEvaluation(List<Finding> findings, int resources) {

    public TemplateEvaluation {
        findings = List.copyOf(findings);
    }
}
