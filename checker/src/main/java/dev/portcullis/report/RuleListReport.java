package dev.portcullis.report;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.portcullis.catalog.Rule;

/**
 * The JSON document of {@code portcullis rules list --format json}: a {@code rules} array with every field of each
 * rule as its file gives it (severity as the pack sets it), for tools that map findings to controls.
 */
@JsonPropertyOrder({"rules"})
record RuleListReport(List<RuleEntry> rules) {

    static RuleListReport of(List<Rule> rules) {
        return new RuleListReport(rules.stream().map(RuleEntry::of).toList());
    }

    /** One rule; {@code check} and {@code params} only for rules implemented by a Java check. */
    @JsonPropertyOrder({"id", "title", "severity", "service", "resourceTypes", "controls", "equivalents", "check",
            "params", "response", "message", "remediation", "rationale", "references", "file"})
    record RuleEntry(
            String id,
            String title,
            String severity,
            String service,
            List<String> resourceTypes,
            List<String> controls,
            Map<String, List<String>> equivalents,
            @JsonInclude(JsonInclude.Include.NON_NULL) String check,
            @JsonInclude(JsonInclude.Include.NON_NULL) Record params,
            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> response,
            String message,
            String remediation,
            String rationale,
            List<String> references,
            String file) {

        static RuleEntry of(Rule r) {
            return new RuleEntry(r.id(), r.title(), r.severity().label(), r.service(), r.resourceTypes(), r.controls(),
                    r.equivalents(), r.checkName(), r.check() == null ? null : r.check().params(),
                    r.declaredRevert().map(v -> Map.of("revert", v.label())).orElse(null), r.message(),
                    r.remediation(), r.rationale(), r.references(), r.source().displayName());
        }
    }
}
