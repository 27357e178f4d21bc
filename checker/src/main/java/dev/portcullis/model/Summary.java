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
 * @param suppressed findings kept out of {@code findings} and the exit code by a suppression (inline, waiver or
 *                  baseline); a finding whose waiver expired counts under {@code findings}
 */
public record Summary(int files, int templates, int resources, Map<String, Integer> findings, int errors,
                      int unknown, int suppressed) {

    public Summary {
        findings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(findings));
    }

    public Summary(int files, int templates, int resources, Map<String, Integer> findings, int errors) {
        this(files, templates, resources, findings, errors, 0, 0);
    }

    public Summary(int files, int templates, int resources, Map<String, Integer> findings, int errors,
                   int unknown) {
        this(files, templates, resources, findings, errors, unknown, 0);
    }

    public static Summary of(int files, int templates, int resources, List<Finding> findings, int errors) {
        return of(files, templates, resources, findings, errors, 0);
    }

    /** Counts {@code findings} by severity, except suppressed ones, which are counted apart. */
    public static Summary of(int files, int templates, int resources, List<Finding> findings, int errors,
                             int unknown) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        int suppressed = 0;
        for (Finding f : findings) {
            if (f.suppressed()) {
                suppressed++;
            } else {
                counts.merge(f.severity(), 1, Integer::sum);
            }
        }
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        counts.forEach((k, v) -> bySeverity.put(k.label(), v));
        return new Summary(files, templates, resources, bySeverity, errors, unknown, suppressed);
    }

    /** Findings that count: every one not suppressed. */
    public int totalFindings() {
        return findings.values().stream().mapToInt(Integer::intValue).sum();
    }
}
