package dev.portcullis.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.portcullis.model.InputException;
import dev.portcullis.model.Resource;
import dev.portcullis.model.Template;
import dev.portcullis.parse.TemplateParser;

/**
 * The compliant and non-compliant resources of a rule's fixture as text, for {@code portcullis rules explain} and
 * the generated docs: each annotated resource's lines, annotations removed, indentation trimmed.
 */
public record FixtureSnippets(List<String> compliant, List<String> nonCompliant) {

    public static final FixtureSnippets NONE = new FixtureSnippets(List.of(), List.of());

    public FixtureSnippets {
        compliant = List.copyOf(compliant);
        nonCompliant = List.copyOf(nonCompliant);
    }

    /** Up to {@code max} snippets of each kind; none when the rule has no fixture or it cannot be parsed. */
    public static FixtureSnippets of(Rule rule, int max) {
        try {
            String display = rule.source().fixtureDisplayName();
            String text = rule.source().fixtureText().orElse(null);
            if (text == null) {
                return NONE;
            }
            Template template = new TemplateParser().parse(display, text.getBytes(StandardCharsets.UTF_8));
            String[] lines = text.split("\r\n|\r|\n", -1);
            FixtureAnnotations annotations = FixtureAnnotations.of(text);
            return new FixtureSnippets(
                    snippets(template, lines, annotations.of(FixtureAnnotations.Kind.OK, rule.id()), max),
                    snippets(template, lines, annotations.of(FixtureAnnotations.Kind.RULEID, rule.id()), max));
        } catch (InputException e) {
            return NONE;
        }
    }

    private static List<String> snippets(Template template, String[] lines,
                                         List<FixtureAnnotations.Annotation> annotations, int max) {
        Set<Resource> resources = new LinkedHashSet<>();
        for (FixtureAnnotations.Annotation a : annotations) {
            Resource containing = null;
            for (Resource r : template.resources().values()) {
                if (r.keySpan().line() <= a.line()
                        && (containing == null || r.keySpan().line() > containing.keySpan().line())) {
                    containing = r;
                }
            }
            if (containing != null) {
                resources.add(containing);
            }
        }
        List<String> out = new ArrayList<>();
        for (Resource r : resources) {
            if (out.size() == max) {
                break;
            }
            out.add(text(r, lines));
        }
        return out;
    }

    /** The resource's block: its key line and every following line indented deeper (or blank). */
    private static String text(Resource resource, String[] lines) {
        int first = resource.keySpan().line() - 1;
        int indent = indentation(lines[first]);
        int last = first;
        for (int i = first + 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            if (indentation(line) <= indent) {
                break;
            }
            last = i;
        }
        if (last == first && resource.node().span().endLine() > resource.keySpan().line()) {
            last = Math.min(lines.length, resource.node().span().endLine()) - 1; // JSON or flow style
        }
        StringBuilder out = new StringBuilder();
        for (int i = first; i <= last; i++) {
            String line = lines[i];
            if (FixtureAnnotations.isAnnotation(line)) {
                continue;
            }
            out.append(line.length() >= indent && line.substring(0, indent).isBlank() ? line.substring(indent) : line.strip())
                    .append('\n');
        }
        return out.toString();
    }

    private static int indentation(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
