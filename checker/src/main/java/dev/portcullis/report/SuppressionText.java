package dev.portcullis.report;

import dev.portcullis.model.Suppression;

/** How reports describe a finding's suppression to people: one wording for every format. */
final class SuppressionText {

    private SuppressionText() {
    }

    /**
     * Why a suppression written for a finding does not hold, e.g. {@code waiver .portcullis/waivers.yaml:4 (owner
     * team-a) expired on 2026-11-23}; null when the finding has no such suppression.
     */
    static String lapsed(Suppression s) {
        if (s == null || s.suppresses()) {
            return null;
        }
        if (s.forbidden()) {
            return "the inline suppression in " + s.source() + " is not allowed for this finding by the project "
                    + "configuration (suppressions.inline.forbid): waive it in .portcullis/waivers.yaml instead";
        }
        return kind(s) + " " + s.source() + owner(s) + " expired on " + s.expires();
    }

    /** e.g. {@code suppressed by Metadata.cfn_nag (W35): logs go to CloudTrail}. */
    static String accepted(Suppression s) {
        String until = s.expires() == null ? "" : ", until " + s.expires();
        return "suppressed by " + kind(s) + " " + s.source() + owner(s) + until + ": "
                + (s.reason() == null ? "(no reason given)" : s.reason());
    }

    private static String kind(Suppression s) {
        return switch (s.kind()) {
            case INLINE -> "inline";
            case WAIVER -> "waiver";
            case BASELINE -> "baseline";
        };
    }

    private static String owner(Suppression s) {
        return s.owner() == null ? "" : " (owner " + s.owner() + ")";
    }
}
