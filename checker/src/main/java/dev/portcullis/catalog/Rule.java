package dev.portcullis.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.portcullis.model.Severity;

/**
 * One rule of the catalog, compiled: its metadata as written in the rule file, and either an assertion
 * ({@code assertion}, optionally guarded by {@code when}) or a Java check ({@code check}).
 * {@code severity} is the effective one (a pack may override the file's). {@code revert} is the runtime response
 * the rule declares for a deployed change that violates it ({@code response.revert}); null means notify only.
 */
public record Rule(
        String id,
        String title,
        Severity severity,
        List<String> resourceTypes,
        Assertion when,
        Assertion assertion,
        JavaCheck<?> check,
        String message,
        String remediation,
        String rationale,
        List<String> references,
        List<String> controls,
        Map<String, List<String>> equivalents,
        Revert revert,
        RuleSource source) {

    /** The one entry of {@code resourceTypes} of a rule about resources of every type. */
    public static final String ANY_TYPE = "*";

    public Rule {
        resourceTypes = List.copyOf(resourceTypes);
        references = List.copyOf(references);
        controls = List.copyOf(controls);
        Map<String, List<String>> copy = new TreeMap<>();
        equivalents.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        equivalents = java.util.Collections.unmodifiableMap(copy);
        if ((assertion == null) == (check == null)) {
            throw new IllegalArgumentException("rule " + id + " needs exactly one of assert and check");
        }
    }

    public Rule withSeverity(Severity newSeverity) {
        return new Rule(id, title, newSeverity, resourceTypes, when, assertion, check, message, remediation,
                rationale, references, controls, equivalents, revert, source);
    }

    /** The rule's declared revert, if any (absent: the audit only notifies). */
    public java.util.Optional<Revert> declaredRevert() {
        return java.util.Optional.ofNullable(revert);
    }

    /** Whether the rule is evaluated on resources of every type ({@code resourceTypes: ["*"]}). */
    public boolean anyType() {
        return resourceTypes.contains(ANY_TYPE);
    }

    /** Whether the rule is evaluated on resources of {@code type}. */
    public boolean appliesTo(String type) {
        return anyType() || resourceTypes.contains(type);
    }

    /** The service folder the rule sits in ({@code s3}, {@code iam}, ...). */
    public String service() {
        return source.service();
    }

    /** The rule's controls of one framework, in the order written. */
    public List<String> controls(ControlFramework framework) {
        List<String> out = new ArrayList<>();
        for (String c : controls) {
            if (ControlFramework.of(c) == framework) {
                out.add(c);
            }
        }
        return out;
    }

    /** The Java check's name, or null for an assertion rule. */
    public String checkName() {
        return check == null ? null : check.name();
    }
}
