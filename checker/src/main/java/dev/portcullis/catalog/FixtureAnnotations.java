package dev.portcullis.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The annotations of a fixture template: {@code # ruleid: <id>} before each line where a finding must be
 * reported, {@code # ok: <id>} before each compliant resource, and optionally {@code # unknown: <id>} before each
 * line where the rule must come out UNKNOWN. An annotation applies to the next line that is not itself an
 * annotation, so several rules can annotate the same line.
 */
record FixtureAnnotations(List<Annotation> all) {

    /** What kind of outcome an annotation expects. */
    enum Kind { RULEID, OK, UNKNOWN }

    /** {@code line} is the 1-based line the annotation is about; {@code commentLine} the comment's own line. */
    record Annotation(Kind kind, String ruleId, int line, int commentLine) {
    }

    private static final Pattern ANNOTATION = Pattern.compile("^\\s*#\\s*(ruleid|ok|unknown)\\s*:\\s*([A-Za-z0-9_.-]+)\\s*$");

    FixtureAnnotations {
        all = List.copyOf(all);
    }

    static FixtureAnnotations of(String text) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        List<Annotation> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = ANNOTATION.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            int target = i + 1;
            while (target < lines.length && ANNOTATION.matcher(lines[target]).matches()) {
                target++;
            }
            Kind kind = Kind.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT));
            out.add(new Annotation(kind, m.group(2), target + 1, i + 1));
        }
        return new FixtureAnnotations(out);
    }

    /** True when {@code line} (1-based) holds an annotation comment. */
    static boolean isAnnotation(String line) {
        return ANNOTATION.matcher(line).matches();
    }

    List<Annotation> of(Kind kind, String ruleId) {
        return all.stream().filter(a -> a.kind() == kind && a.ruleId().equals(ruleId)).toList();
    }
}
