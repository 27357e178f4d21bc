package dev.portcullis.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import dev.portcullis.catalog.ControlFramework;
import dev.portcullis.catalog.FixtureOutcome;
import dev.portcullis.catalog.FixtureSnippets;
import dev.portcullis.catalog.Rule;

/**
 * Output of the {@code portcullis rules} commands: the rule list (text or JSON), one rule explained, and the
 * results of running rules on their annotated fixtures.
 */
public final class RuleReporter {

    private static final int WRAP = 100;

    private final Style style;

    public RuleReporter(Style style) {
        this.style = style;
    }

    /** One line per rule, {@code id  severity  title  [controls]}, then a count. */
    public void list(List<Rule> rules, ReportFormat format, Writer out) throws IOException {
        if (format == ReportFormat.JSON) {
            Json.PRETTY.writeValue(out, RuleListReport.of(rules));
            out.write('\n');
            out.flush();
            return;
        }
        int idWidth = rules.stream().mapToInt(r -> r.id().length()).max().orElse(0);
        for (Rule r : rules) {
            out.write(style.bold(pad(r.id(), idWidth)) + "  " + style.severity(r.severity())
                    + " ".repeat(8 - r.severity().label().length()) + "  " + TerminalText.oneLine(r.title())
                    + (r.controls().isEmpty() ? "" : "  " + style.dim("[" + String.join(", ", r.controls()) + "]"))
                    + "\n");
        }
        long fsbp = rules.stream().filter(r -> !r.controls(ControlFramework.FSBP).isEmpty()).count();
        out.write(rules.size() + " rule" + (rules.size() == 1 ? "" : "s") + ", " + fsbp
                + " mapped to an AWS Security Hub FSBP control\n");
        out.flush();
    }

    /** Everything a user needs to understand a rule, with the compliant and non-compliant cases of its fixture. */
    public void explain(Rule r, FixtureSnippets examples, Writer out) throws IOException {
        out.write(style.bold(r.id()) + "  " + style.severity(r.severity()) + "\n");
        out.write(TerminalText.oneLine(r.title()) + "\n\n");
        field(out, "Resource types", r.anyType() ? "every type (*)" : String.join(", ", r.resourceTypes()));
        for (ControlFramework f : ControlFramework.values()) {
            field(out, f.title(), String.join(", ", r.controls(f)));
        }
        for (var e : r.equivalents().entrySet()) {
            field(out, "Same as (" + e.getKey() + ")", String.join(", ", e.getValue()));
        }
        if (r.check() != null) {
            field(out, "Java check", r.checkName());
        }
        field(out, "Runtime response", r.declaredRevert().map(v -> "notify and revert (" + v.label() + ")")
                .orElse("notify"));
        field(out, "Rule file", r.source().displayName());
        section(out, "Why it matters", wrap(r.rationale()));
        section(out, "How to fix", wrap(r.remediation()));
        for (String s : examples.nonCompliant()) {
            section(out, "Non-compliant", s);
        }
        for (String s : examples.compliant()) {
            section(out, "Compliant", s);
        }
        if (!r.references().isEmpty()) {
            section(out, "References", String.join("\n", r.references()));
        }
        out.flush();
    }

    /** One line per rule tested ({@code PASS}/{@code FAIL}), the differences under each failure, then a count. */
    public void testRun(List<FixtureOutcome> outcomes, Writer out) throws IOException {
        int failed = 0;
        for (FixtureOutcome o : outcomes) {
            if (o.passed()) {
                out.write(style.dim("PASS") + "  " + TerminalText.oneLine(o.ruleId()) + "\n");
                continue;
            }
            failed++;
            out.write(style.marker("FAIL") + "  " + TerminalText.oneLine(o.ruleId()) + "  "
                    + TerminalText.oneLine(o.fixture()) + "\n");
            for (String p : o.problems()) {
                out.write("      " + TerminalText.oneLine(p) + "\n");
            }
        }
        out.write(outcomes.size() + " rule" + (outcomes.size() == 1 ? "" : "s") + " tested, " + failed + " failed\n");
        out.flush();
    }

    private static void field(Writer out, String name, String value) throws IOException {
        if (!value.isEmpty()) {
            out.write(pad(name + ":", 42) + " " + TerminalText.oneLine(value) + "\n");
        }
    }

    private void section(Writer out, String title, String body) throws IOException {
        out.write("\n" + style.bold(title) + "\n");
        for (String line : body.strip().split("\n")) {
            out.write("  " + TerminalText.printable(line) + "\n");
        }
    }

    /** Prose broken into lines of at most about 100 characters, at spaces. */
    static String wrap(String text) {
        StringBuilder out = new StringBuilder();
        int lineStart = 0;
        for (String word : text.strip().split("\\s+")) {
            if (out.length() > lineStart && out.length() - lineStart + word.length() + 1 > WRAP) {
                out.append('\n');
                lineStart = out.length();
            } else if (out.length() > lineStart) {
                out.append(' ');
            }
            out.append(word);
        }
        return out.toString();
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
