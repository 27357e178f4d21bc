package dev.portcullis.catalog;

import java.util.Map;

import dev.portcullis.resolve.Value;

/** Fills a rule's message template and renders finding paths in the rule language's dotted form. */
final class Messages {

    /** Placeholders every rule may use; Java checks may add their own. */
    static final java.util.Set<String> STANDARD = java.util.Set.of("resource", "type", "path", "value");

    private Messages() {
    }

    /**
     * Replaces {@code {name}} with its value: the standard placeholders, then {@code args}. A placeholder with no
     * value is left as written, so a mistake shows in the output rather than vanishing.
     */
    static String format(String template, String resource, String type, String path, Value value,
                         Map<String, String> args) {
        if (template.indexOf('{') < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int close = c == '{' ? template.indexOf('}', i + 1) : -1;
            if (close < 0) {
                out.append(c);
                i++;
                continue;
            }
            String name = template.substring(i + 1, close);
            String replacement = switch (name) {
                case "resource" -> resource;
                case "type" -> type;
                case "path" -> dotted(path);
                case "value" -> valueText(value);
                default -> args.get(name);
            };
            if (replacement == null) {
                out.append(template, i, close + 1);
            } else {
                out.append(replacement);
            }
            i = close + 1;
        }
        return out.toString();
    }

    /** {@code A/B/0/C} → {@code A.B[0].C}; attribute paths keep their {@code @}. */
    static String dotted(String path) {
        if (path == null || path.isEmpty()) {
            return "(resource)";
        }
        StringBuilder out = new StringBuilder(path.length() + 4);
        for (String segment : path.split("/")) {
            boolean index = !segment.isEmpty() && (segment.equals("*") || segment.chars().allMatch(Character::isDigit));
            if (index) {
                out.append('[').append(segment).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(segment);
            }
        }
        return out.toString();
    }

    static String valueText(Value value) {
        if (value == null) {
            return "(not set)";
        }
        if (value instanceof Value.Scalar s) {
            return s.text();
        }
        if (value instanceof Value.Symbolic s) {
            return s.text();
        }
        if (value instanceof Value.Unknown) {
            return "(undetermined)";
        }
        return value instanceof Value.Seq ? "(list)" : "(mapping)";
    }
}
