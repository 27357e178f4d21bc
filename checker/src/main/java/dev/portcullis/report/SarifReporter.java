package dev.portcullis.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.portcullis.model.CdkOrigin;
import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputError;
import dev.portcullis.model.Severity;
import dev.portcullis.report.SarifLog.ArtifactLocation;
import dev.portcullis.report.SarifLog.Location;
import dev.portcullis.report.SarifLog.LogicalLocation;
import dev.portcullis.report.SarifLog.Message;
import dev.portcullis.report.SarifLog.PhysicalLocation;
import dev.portcullis.report.SarifLog.Region;
import dev.portcullis.report.SarifLog.ReportingDescriptor;

/**
 * Writes the result as a SARIF 2.1.0 log for code-scanning tools: the rules with their documentation, one result
 * per finding with a fingerprint that survives moving the resource, and unreadable inputs as tool notifications.
 * Files under the working directory are named relative to {@code %SRCROOT%}, so the log means the same on any
 * machine that has the repository checked out. UNKNOWN results are not written: they are neither passes nor
 * problems, and code-scanning tools have no place for them.
 */
public final class SarifReporter implements Reporter {

    /** The project's home; rule pages are under it. */
    static final String INFORMATION_URI = "https://github.com/portcullis-dev/portcullis";
    static final String DOCS_BASE = INFORMATION_URI + "/blob/main/docs/rules/";
    static final String SRCROOT = "%SRCROOT%";

    private final List<RuleDescription> rules;
    private final String version;
    private final ArtifactPaths paths;
    private final boolean baselineCompared;

    /**
     * @param rules   the rules the check ran (built-in findings are described without being listed)
     * @param version the portcullis version
     * @param root    the directory file names are made relative to, normally the working directory
     */
    public SarifReporter(List<RuleDescription> rules, String version, Path root) {
        this(rules, version, root, false);
    }

    /**
     * @param baselineCompared whether the check compared its findings with a baseline: each result then says
     *                         whether it is {@code new} or {@code unchanged} ({@code baselineState})
     */
    public SarifReporter(List<RuleDescription> rules, String version, Path root, boolean baselineCompared) {
        this.rules = List.copyOf(rules);
        this.version = version;
        this.paths = new ArtifactPaths(root);
        this.baselineCompared = baselineCompared;
    }

    @Override
    public void write(CheckResult result, Writer out) throws IOException {
        Json.PRETTY.writeValue(out, log(result));
        out.write('\n');
        out.flush();
    }

    SarifLog log(CheckResult result) {
        Map<String, RuleDescription> described = describedRules(result);
        List<String> ids = new ArrayList<>(described.keySet());
        List<ReportingDescriptor> descriptors = described.values().stream().map(SarifReporter::descriptor).toList();

        List<SarifLog.Result> results = result.findings().stream()
                .sorted(Finding.ORDER)
                .map(f -> result(f, ids.indexOf(f.ruleId())))
                .toList();
        List<SarifLog.Notification> notifications = result.errors().stream()
                .sorted(JsonReport.ERROR_ORDER)
                .map(this::notification)
                .toList();
        SarifLog.Invocation invocation = new SarifLog.Invocation(!result.hasInternalError(), notifications);
        SarifLog.Run run = new SarifLog.Run(
                new SarifLog.Tool(new SarifLog.Driver("portcullis", version, INFORMATION_URI, descriptors)),
                Map.of(SRCROOT, new ArtifactLocation(paths.rootUri(), null)),
                List.of(invocation), results);
        return new SarifLog(SarifLog.SCHEMA, SarifLog.VERSION, List.of(run));
    }

    /**
     * The rules the check ran and the built-in ones, by id; a finding of a rule neither knows (a caller that did
     * not pass its rules) still gets an entry, from the finding, so every result has a rule to point at.
     */
    private Map<String, RuleDescription> describedRules(CheckResult result) {
        Map<String, RuleDescription> byId = new TreeMap<>();
        for (RuleDescription d : RuleDescription.builtIn()) {
            byId.put(d.id(), d);
        }
        for (RuleDescription d : rules) {
            byId.put(d.id(), d);
        }
        for (Finding f : result.findings()) {
            byId.computeIfAbsent(f.ruleId(),
                    id -> new RuleDescription(id, id, f.severity(), "", "", List.of(), null));
        }
        return byId;
    }

    private static ReportingDescriptor descriptor(RuleDescription rule) {
        String rationale = rule.rationale().strip();
        String remediation = rule.remediation().strip();
        String helpText = join(rationale, remediation.isEmpty() ? "" : "How to fix: " + remediation);
        String helpMarkdown = join(rationale, remediation.isEmpty() ? "" : "**How to fix:** " + remediation);
        List<String> tags = new ArrayList<>();
        tags.add("security");
        tags.addAll(rule.controls());
        return new ReportingDescriptor(
                rule.id(),
                Message.of(oneLine(rule.title())),
                rationale.isEmpty() ? null : Message.of(rationale),
                helpText.isEmpty() ? null : new Message(helpText, helpMarkdown),
                rule.docPath() == null ? null : DOCS_BASE + rule.docPath(),
                new SarifLog.Configuration(level(rule.severity())),
                new SarifLog.RuleProperties(securitySeverity(rule.severity()), tags));
    }

    private SarifLog.Result result(Finding f, int ruleIndex) {
        String relative = paths.relative(f.file());
        ArtifactLocation artifact = relative != null
                ? new ArtifactLocation(ArtifactPaths.encode(relative), SRCROOT)
                : new ArtifactLocation(paths.absoluteUri(f.file()), null);
        Region region = f.line() >= 1 ? new Region(f.line(), f.column() >= 1 ? f.column() : null) : null;
        List<LogicalLocation> logical = new ArrayList<>();
        if (f.resource() != null) {
            logical.add(new LogicalLocation(f.resource(), "resource", f.path()));
        }
        CdkOrigin origin = f.origin();
        if (origin != null && origin.constructPath() != null) {
            logical.add(new LogicalLocation(constructName(origin.constructPath()), "resource",
                    origin.constructPath()));
        }
        Map<String, String> fingerprints = new LinkedHashMap<>();
        fingerprints.put(Fingerprint.KEY, Fingerprint.of(f, paths.display(f.file())));
        String baselineState = !baselineCompared ? null : f.inBaseline() ? "unchanged" : "new";
        String lapsed = SuppressionText.lapsed(f.suppression());
        String text = lapsed == null ? f.message() : f.message() + " (" + lapsed + ")";
        return new SarifLog.Result(f.ruleId(), ruleIndex, level(f.severity()), Message.of(text),
                List.of(new Location(new PhysicalLocation(artifact, region), logical)), fingerprints,
                baselineState, suppressions(f), properties(f));
    }

    private static SarifLog.ResultProperties properties(Finding f) {
        CdkOrigin origin = f.origin();
        String source = origin == null || origin.sourceFile() == null ? null
                : origin.sourceFile() + (origin.sourceLine() == null ? "" : ":" + origin.sourceLine());
        if (f.scenario() == null && origin == null) {
            return null;
        }
        return new SarifLog.ResultProperties(f.scenario(), origin == null ? null : origin.artifact(), source);
    }

    /** The construct's own id: the last segment of its path, or the one before a CDK {@code Resource}/{@code Default}. */
    private static String constructName(String constructPath) {
        String[] parts = constructPath.split("/");
        String last = parts[parts.length - 1];
        if (parts.length > 1 && (last.equals("Resource") || last.equals("Default"))) {
            return parts[parts.length - 2];
        }
        return last;
    }

    /**
     * A suppression that holds, as SARIF's; null otherwise. A waiver that expired or an inline suppression that is
     * not allowed is left out rather than written with status {@code rejected}: some consumers hide any result
     * that has suppressions, and a lapsed waiver must show up as an open alert. The message says it lapsed.
     */
    private static List<SarifLog.Suppression> suppressions(Finding f) {
        if (!f.suppressed()) {
            return null;
        }
        dev.portcullis.model.Suppression s = f.suppression();
        String kind = s.kind() == dev.portcullis.model.Suppression.Kind.INLINE ? "inSource" : "external";
        return List.of(new SarifLog.Suppression(kind, "accepted",
                s.reason() == null ? "no reason given" : s.reason(),
                new SarifLog.SuppressionProperties(s.source(), s.owner(),
                        s.expires() == null ? null : s.expires().toString())));
    }

    private SarifLog.Notification notification(InputError e) {
        List<Location> locations = List.of();
        if (!e.internal()) {
            String relative = paths.relative(e.file());
            ArtifactLocation artifact = relative != null
                    ? new ArtifactLocation(ArtifactPaths.encode(relative), SRCROOT)
                    : new ArtifactLocation(paths.absoluteUri(e.file()), null);
            Region region = e.line() != null && e.line() >= 1 ? new Region(e.line(), null) : null;
            locations = List.of(new Location(new PhysicalLocation(artifact, region), List.of()));
        }
        String text = e.internal() ? e.message() : paths.display(e.file()) + ": " + e.message();
        return new SarifLog.Notification("error", Message.of(text), locations);
    }

    /** SARIF's three problem levels: what must be fixed, what should be, and what is worth knowing. */
    static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    /** GitHub code scanning ranks alerts by this score: 9.0 and above critical, 7.0 high, 4.0 medium, else low. */
    static String securitySeverity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFO -> "0.0";
        };
    }

    private static String join(String first, String second) {
        if (first.isEmpty()) {
            return second;
        }
        return second.isEmpty() ? first : first + "\n\n" + second;
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
