package dev.portcullis.model;

import java.time.LocalDate;

/**
 * Why a finding does not count against the build, or (when {@code expired}) why it would have been suppressed
 * but no longer is. A finding with an expired suppression is reported as an active finding that names the waiver
 * that ran out, so the team that owned it sees it come back.
 *
 * @param kind    where the suppression came from
 * @param source  what suppressed it, for people: e.g. {@code Metadata.portcullis}, {@code Metadata.cfn_nag (W35)},
 *                {@code .portcullis/waivers.yaml:12}, {@code baseline.json}
 * @param reason  the justification written with it (required for inline suppressions and waivers)
 * @param owner   who owns the waiver; null when not given
 * @param expires the last day the waiver applies; null when it does not expire
 * @param expired true when {@code expires} is before the day of the check: the finding is active again
 * @param forbidden true when the project configuration does not allow this kind of suppression for the finding's
 *                  rule or severity (an inline suppression where only the waiver file may waive): the finding is
 *                  active and says where its suppression has to go instead
 */
public record Suppression(Kind kind, String source, String reason, String owner, LocalDate expires, boolean expired,
                          boolean forbidden) {

    /** A suppression the configuration allows. */
    public Suppression(Kind kind, String source, String reason, String owner, LocalDate expires, boolean expired) {
        this(kind, source, reason, owner, expires, expired, false);
    }

    /** Where a suppression was written. */
    public enum Kind {
        /** In the template: resource or template {@code Metadata} (ours, cfn_nag's or checkov's). */
        INLINE,
        /** In the central waiver file or the config file. */
        WAIVER,
        /** The finding was present when the baseline file was recorded. */
        BASELINE
    }

    /** True when this suppression keeps its finding out of the exit code. */
    public boolean suppresses() {
        return !expired && !forbidden;
    }

    /** The same suppression, not honoured because the configuration forbids it. */
    public Suppression asForbidden() {
        return new Suppression(kind, source, reason, owner, expires, expired, true);
    }
}
