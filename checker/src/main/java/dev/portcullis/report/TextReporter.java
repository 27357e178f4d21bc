package dev.portcullis.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.portcullis.model.CdkOrigin;
import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputError;
import dev.portcullis.model.Summary;

/**
 * The human-readable report: per finding a line {@code file:line:col  severity  rule-id  LogicalId  message}
 * and a short code frame, then a summary line. Findings about the template as a whole show {@code -} as
 * the logical id.
 */
public final class TextReporter implements Reporter {

    private final Style style;
    private final boolean listErrors;
    private final boolean showUnknown;
    private final boolean showSuppressed;

    /**
     * @param listErrors whether to list input errors in the report too; callers that already show them
     *                   elsewhere (on stderr, next to this report) leave them out to avoid saying it twice
     */
    public TextReporter(Style style, boolean listErrors) {
        this(style, listErrors, false);
    }

    /**
     * @param showUnknown whether to list the rules the templates do not decide (UNKNOWN results), after the
     *                    findings; otherwise only the summary line counts them
     */
    public TextReporter(Style style, boolean listErrors, boolean showUnknown) {
        this(style, listErrors, showUnknown, false);
    }

    /**
     * @param showSuppressed whether to list suppressed findings (with what suppressed them), after the findings;
     *                       otherwise only the summary line counts them
     */
    public TextReporter(Style style, boolean listErrors, boolean showUnknown, boolean showSuppressed) {
        this.style = style;
        this.listErrors = listErrors;
        this.showUnknown = showUnknown;
        this.showSuppressed = showSuppressed;
    }

    @Override
    public void write(CheckResult result, Writer out) throws IOException {
        CodeFrame frames = new CodeFrame(new SourceFiles(), style);
        for (Finding f : result.findings().stream().filter(f -> !f.suppressed()).sorted(Finding.ORDER).toList()) {
            out.write(headline(f));
            out.write('\n');
            String createdAt = createdAt(f);
            if (createdAt != null) {
                out.write(createdAt);
                out.write('\n');
            }
            for (String frameLine : frames.render(f.file(), f.line(), f.column())) {
                out.write(frameLine);
                out.write('\n');
            }
            out.write('\n');
        }
        List<Finding> suppressed = result.findings().stream().filter(Finding::suppressed).sorted(Finding.ORDER)
                .toList();
        if (showSuppressed && !suppressed.isEmpty()) {
            out.write(style.bold("Suppressed: not counted against --fail-on") + "\n");
            for (Finding f : suppressed) {
                out.write(suppressedLine(f));
                out.write('\n');
            }
            out.write('\n');
        }
        if (showUnknown && !result.unknown().isEmpty()) {
            out.write(style.bold("Undetermined: the templates do not decide these rules") + "\n");
            for (Finding u : result.unknown().stream().sorted(Finding.ORDER).toList()) {
                out.write(unknownLine(u));
                out.write('\n');
            }
            out.write('\n');
        }
        if (listErrors) {
            for (InputError e : result.errors().stream().sorted(JsonReport.ERROR_ORDER).toList()) {
                out.write(errorLine(e));
                out.write('\n');
            }
        }
        out.write(summaryLine(result.summary()));
        out.write('\n');
        out.flush();
    }

    /** An input error as one terminal-safe line, {@code file:line: message}. */
    public static String errorLine(InputError error) {
        return TerminalText.oneLine(error.oneLine());
    }

    private String headline(Finding f) {
        String line = style.bold(TerminalText.oneLine(f.file() + ":" + f.line() + ":" + f.column()))
                + "  " + style.severity(f.severity())
                + "  " + TerminalText.oneLine(f.ruleId())
                + "  " + (f.resource() == null ? "-" : TerminalText.oneLine(f.resource()))
                + constructPath(f)
                + "  " + TerminalText.oneLine(f.message());
        if (f.scenario() != null) {
            line += "  " + style.dim("[when " + TerminalText.oneLine(f.scenario()) + "]");
        }
        String lapsed = SuppressionText.lapsed(f.suppression());
        return lapsed == null ? line : line + "  " + style.dim("[" + TerminalText.oneLine(lapsed) + "]");
    }

    /** {@code file:line:col  severity  rule-id  LogicalId  message  [suppressed by ...]}, without a code frame. */
    private String suppressedLine(Finding f) {
        return TerminalText.oneLine(f.file() + ":" + f.line() + ":" + f.column())
                + "  " + f.severity().label()
                + "  " + TerminalText.oneLine(f.ruleId())
                + "  " + (f.resource() == null ? "-" : TerminalText.oneLine(f.resource()))
                + "  " + TerminalText.oneLine(f.message())
                + "  " + style.dim("[" + TerminalText.oneLine(SuppressionText.accepted(f.suppression())) + "]");
    }

    /** The CDK construct path after the logical id, e.g. {@code  (Prod/NetworkStack/RemoteDesktop)}. */
    private String constructPath(Finding f) {
        CdkOrigin origin = f.origin();
        if (origin == null || origin.constructPath() == null) {
            return "";
        }
        return " " + style.dim("(" + TerminalText.oneLine(origin.constructPath()) + ")");
    }

    /** {@code   created at com/example/App.java:12} when the cloud assembly holds creation stack traces. */
    private String createdAt(Finding f) {
        CdkOrigin origin = f.origin();
        if (origin == null || origin.sourceFile() == null) {
            return null;
        }
        String where = origin.sourceFile() + (origin.sourceLine() == null ? "" : ":" + origin.sourceLine());
        return "  " + style.dim("created at " + TerminalText.oneLine(where));
    }

    /** {@code file:line:col  unknown  rule-id  LogicalId  reason}. */
    private String unknownLine(Finding u) {
        String line = TerminalText.oneLine(u.file() + ":" + u.line() + ":" + u.column())
                + "  " + style.dim("unknown")
                + "  " + TerminalText.oneLine(u.ruleId())
                + "  " + (u.resource() == null ? "-" : TerminalText.oneLine(u.resource()))
                + "  " + TerminalText.oneLine(u.message());
        return u.scenario() == null ? line : line + "  " + style.dim("[when " + TerminalText.oneLine(u.scenario()) + "]");
    }

    /** e.g. {@code 3 findings (1 high, 2 medium) in 12 templates, 2 undetermined, 1 error}. */
    public static String summaryLine(Summary summary) {
        int total = summary.totalFindings();
        StringBuilder line = new StringBuilder();
        if (total == 0) {
            line.append("No findings");
        } else {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, Integer> e : summary.findings().entrySet()) {
                if (e.getValue() > 0) {
                    parts.add(e.getValue() + " " + e.getKey());
                }
            }
            line.append(count(total, "finding")).append(" (").append(String.join(", ", parts)).append(')');
        }
        line.append(" in ").append(count(summary.files(), "template"));
        if (summary.suppressed() > 0) {
            line.append(", ").append(summary.suppressed()).append(" suppressed");
        }
        if (summary.unknown() > 0) {
            line.append(", ").append(summary.unknown()).append(" undetermined");
        }
        if (summary.errors() > 0) {
            line.append(", ").append(count(summary.errors(), "error"));
        }
        return line.toString();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
