package dev.portcullis.gate;

import java.util.EnumSet;
import java.util.Set;

import dev.portcullis.model.Finding;
import dev.portcullis.model.Severity;

/**
 * Which findings an inline suppression (template {@code Metadata}) may not suppress, from the configuration's
 * {@code suppressions.inline.forbid}: a security team can require that findings of some rules or severities are
 * waived only in the reviewed waiver file, not by whoever edits the template.
 */
record InlinePolicy(Set<String> rules, Set<Severity> severities) {

    static final InlinePolicy ALLOW_ALL = new InlinePolicy(Set.of(), Set.of());

    InlinePolicy {
        rules = Set.copyOf(rules);
        severities = severities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(severities));
    }

    /** True when {@code finding} may not be suppressed inline (its effective severity counts). */
    boolean forbids(Finding finding) {
        return rules.contains(finding.ruleId()) || severities.contains(finding.severity());
    }
}
