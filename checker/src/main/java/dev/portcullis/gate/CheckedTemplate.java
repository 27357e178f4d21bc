package dev.portcullis.gate;

import dev.portcullis.engine.TemplateEvaluation;
import dev.portcullis.model.Template;

/** A template after its loops were expanded, and what evaluating it found. */
record CheckedTemplate(Template template, TemplateEvaluation evaluation) {
}
