package dev.portcullis.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.portcullis.engine.Engine;
import dev.portcullis.engine.TemplateEvaluation;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputException;
import dev.portcullis.model.Template;
import dev.portcullis.parse.TemplateParser;
import dev.portcullis.resolve.Expansion;
import dev.portcullis.resolve.Inputs;
import dev.portcullis.resolve.LanguageExtensions;

/**
 * Runs a rule on its annotated fixture ({@code <id>.test.yaml} beside the rule) through the normal pipeline
 * (parse, expand, resolve, every scenario) with only that rule, and compares the lines it reports with the
 * annotated ones. This tests the rule and the line tracking at once; the same runner serves the bundled catalog's
 * tests and {@code portcullis rules test DIR}.
 */
public final class FixtureRunner {

    private FixtureRunner() {
    }

    public static FixtureOutcome run(Rule rule) {
        String display = rule.source().fixtureDisplayName();
        List<String> problems = new ArrayList<>();
        String text;
        TemplateEvaluation evaluation;
        try {
            text = rule.source().fixtureText().orElse(null);
            if (text == null) {
                problems.add("no fixture: expected " + display + " beside the rule");
                return new FixtureOutcome(rule.id(), display, problems);
            }
            Template template = new TemplateParser().parse(display, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Expansion expansion = LanguageExtensions.expand(template, Inputs.NONE);
            evaluation = new Engine(List.of(new RuleSet(List.of(rule)))).evaluate(expansion, Inputs.NONE);
        } catch (InputException e) {
            problems.add("the fixture cannot be evaluated: " + e.toError().oneLine());
            return new FixtureOutcome(rule.id(), display, problems);
        }
        FixtureAnnotations annotations = FixtureAnnotations.of(text);
        List<FixtureAnnotations.Annotation> expected = annotations.of(FixtureAnnotations.Kind.RULEID, rule.id());
        if (expected.isEmpty()) {
            problems.add("no '# ruleid: " + rule.id() + "' annotation: a fixture shows at least one non-compliant case");
        }
        if (annotations.of(FixtureAnnotations.Kind.OK, rule.id()).isEmpty()) {
            problems.add("no '# ok: " + rule.id() + "' annotation: a fixture shows at least one compliant resource");
        }
        compare("a", "finding", lines(expected), reported(evaluation.findings(), rule.id()), problems);
        List<FixtureAnnotations.Annotation> unknown = annotations.of(FixtureAnnotations.Kind.UNKNOWN, rule.id());
        if (!unknown.isEmpty()) {
            compare("an", "UNKNOWN result", lines(unknown), reported(evaluation.unknown(), rule.id()), problems);
        }
        return new FixtureOutcome(rule.id(), display, problems);
    }

    private static TreeSet<Integer> lines(List<FixtureAnnotations.Annotation> annotations) {
        TreeSet<Integer> out = new TreeSet<>();
        annotations.forEach(a -> out.add(a.line()));
        return out;
    }

    private static Map<Integer, String> reported(List<Finding> findings, String ruleId) {
        Map<Integer, String> out = new TreeMap<>();
        for (Finding f : findings) {
            if (f.ruleId().equals(ruleId)) {
                out.merge(f.line(), f.message() + (f.scenario() == null ? "" : " [when " + f.scenario() + "]"),
                        (a, b) -> a + "; " + b);
            }
        }
        return out;
    }

    private static void compare(String article, String what, TreeSet<Integer> expected, Map<Integer, String> found,
                                List<String> problems) {
        for (int line : expected) {
            if (!found.containsKey(line)) {
                problems.add("line " + line + ": expected " + article + " " + what + ", none reported");
            }
        }
        found.forEach((line, message) -> {
            if (!expected.contains(line)) {
                problems.add("line " + line + ": unexpected " + what + ": " + message);
            }
        });
    }
}
