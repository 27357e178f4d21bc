package dev.portcullis.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.portcullis.model.CdkOrigin;
import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputError;
import dev.portcullis.model.Summary;
import dev.portcullis.model.Suppression;

/**
 * The JSON report document: the contract other tools read. Its shape is declared here, apart from the
 * model, so a change to the model cannot silently change the contract.
 */
@JsonPropertyOrder({"findings", "unknown", "errors", "summary"})
record JsonReport(List<FindingEntry> findings, List<FindingEntry> unknown, List<ErrorEntry> errors,
                  SummaryEntry summary) {

    /** Errors sort by file, then line (unknown lines first), then message. */
    static final Comparator<InputError> ERROR_ORDER = Comparator
            .comparing(InputError::file)
            .thenComparing(InputError::line, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(InputError::message);

    static JsonReport of(CheckResult result) {
        List<FindingEntry> findings = result.findings().stream()
                .sorted(Finding.ORDER)
                .map(FindingEntry::of)
                .toList();
        List<ErrorEntry> errors = result.errors().stream()
                .sorted(ERROR_ORDER)
                .map(e -> new ErrorEntry(e.file(), e.line(), e.message()))
                .toList();
        List<FindingEntry> unknown = result.unknown().stream()
                .sorted(Finding.ORDER)
                .map(FindingEntry::of)
                .toList();
        return new JsonReport(findings, unknown, errors, SummaryEntry.of(result.summary()));
    }

    /**
     * One finding, or one UNKNOWN result (a rule the template does not decide; {@code message} says why).
     * {@code resource} is written as null for findings about the template as a whole;
     * {@code scenario} is left out when the finding holds in every scenario; {@code suppression} is left out when
     * nothing was written to suppress the finding; {@code origin} unless the template came from a CDK cloud assembly.
     */
    @JsonPropertyOrder({"ruleId", "severity", "file", "line", "column", "resource", "resourceType", "path",
            "message", "scenario", "suppression", "origin"})
    record FindingEntry(
            String ruleId,
            String severity,
            String file,
            int line,
            int column,
            String resource,
            String resourceType,
            String path,
            String message,
            @JsonInclude(JsonInclude.Include.NON_NULL) String scenario,
            @JsonInclude(JsonInclude.Include.NON_NULL) SuppressionEntry suppression,
            @JsonInclude(JsonInclude.Include.NON_NULL) OriginEntry origin) {

        static FindingEntry of(Finding f) {
            return new FindingEntry(f.ruleId(), f.severity().label(), f.file(), f.line(), f.column(),
                    f.resource(), f.resourceType(), f.path(), f.message(), f.scenario(),
                    SuppressionEntry.of(f.suppression()), OriginEntry.of(f.origin()));
        }
    }

    /**
     * Where a finding's resource comes from in a CDK app: the stack artifact, the construct path, and the user
     * source file and line that created it; the last three are left out when the assembly does not say.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"artifact", "constructPath", "sourceFile", "sourceLine"})
    record OriginEntry(String artifact, String constructPath, String sourceFile, Integer sourceLine) {

        static OriginEntry of(CdkOrigin origin) {
            return origin == null ? null : new OriginEntry(origin.artifact(), origin.constructPath(),
                    origin.sourceFile(), origin.sourceLine());
        }
    }

    /**
     * What suppresses a finding ({@code suppressed: true}), or was written to and no longer does: {@code expired}
     * (a waiver past its date) or {@code forbidden} (an inline suppression the configuration does not allow), with
     * {@code note} saying so in words. {@code owner} and {@code expires} are null when not given.
     */
    @JsonPropertyOrder({"kind", "source", "reason", "owner", "expires", "suppressed", "expired", "forbidden", "note"})
    record SuppressionEntry(String kind, String source, String reason, String owner, String expires,
                            boolean suppressed, boolean expired, boolean forbidden,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String note) {

        static SuppressionEntry of(Suppression s) {
            if (s == null) {
                return null;
            }
            return new SuppressionEntry(s.kind().name().toLowerCase(Locale.ROOT), s.source(), s.reason(), s.owner(),
                    s.expires() == null ? null : s.expires().toString(), s.suppresses(), s.expired(), s.forbidden(),
                    SuppressionText.lapsed(s));
        }
    }

    /** One input that could not be evaluated; {@code line} is left out when unknown. */
    @JsonPropertyOrder({"file", "line", "message"})
    record ErrorEntry(String file, @JsonInclude(JsonInclude.Include.NON_NULL) Integer line, String message) {
    }

    /**
     * Totals; {@code findings} and {@code bySeverity} (every severity, most severe first) count the findings that
     * are not suppressed, {@code suppressed} the others; {@code unknown} counts UNKNOWN results.
     */
    @JsonPropertyOrder({"files", "templates", "resources", "findings", "bySeverity", "suppressed", "unknown",
            "errors"})
    record SummaryEntry(int files, int templates, int resources, int findings, Map<String, Integer> bySeverity,
                        int suppressed, int unknown, int errors) {

        static SummaryEntry of(Summary s) {
            return new SummaryEntry(s.files(), s.templates(), s.resources(), s.totalFindings(), s.findings(),
                    s.suppressed(), s.unknown(), s.errors());
        }
    }
}
