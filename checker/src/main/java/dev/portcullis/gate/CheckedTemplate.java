package dev.portcullis.gate;

import java.util.List;

import dev.portcullis.engine.TemplateEvaluation;
import dev.portcullis.model.InputError;
import dev.portcullis.model.Template;

/**
 * A template after its loops were expanded, what evaluating it found (suppressions applied), and problems in its
 * inline suppressions (reported beside the findings; they fail the run).
 */
record CheckedTemplate(Template template, TemplateEvaluation evaluation, List<InputError> errors) {
}
