package dev.portcullis.model;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts for the summary line and the JSON {@code summary} object.
 *
 * @param files     files looked at (templates and files that failed to load)
 * @param templates templates evaluated without error
 * @param resources resources evaluated
 * @param findings  findings per severity label, most severe first, every severity present
 * @param errors    inputs that could not be evaluated
 * @param unknown   rule results the templates do not determine (UNKNOWN), reported apart from findings
 */
public record Summary(int files, int templates, int resources, Map<String, Integer> findings, int errors,
                      int unknown) {

    public Summary {
        findings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(findings));
    }

    public Summary(int files, int templates, int resources, Map<String, Integer> findings, int errors) {
        this(files, templates, resources, findings, errors, 0);
    }

    public static Summary of(int files, int templates, int resources, List<Finding> findings, int errors) {
        return of(files, templates, resources, findings, errors, 0);
    }

    public static Summary of(int files, int templates, int resources, List<Finding> findings, int errors,
                             int unknown) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        for (Finding f : findings) {
            counts.merge(f.severity(), 1, Integer::sum);
        }
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        counts.forEach((k, v) -> bySeverity.put(k.label(), v));
        return new Summary(files, templates, resources, bySeverity, errors, unknown);
    }

    public int totalFindings() {
        return findings.values().stream().mapToInt(Integer::intValue).sum();
    }
}
