package dev.portcullis.gate;

import java.nio.file.Path;
import java.time.LocalDate;

import dev.portcullis.model.Finding;
import dev.portcullis.model.Suppression;

/**
 * One entry of the central waiver list (the waiver file or {@code waivers:} in the project configuration): the
 * findings of one rule in the files {@code path} matches, for one resource or (when {@code resource} is null) all.
 *
 * @param source  where the waiver is written, {@code file:line}, for people reading the report
 * @param expires the last day the waiver applies; null when it does not expire
 */
record Waiver(String rule, PathGlob path, String resource, String reason, String owner, LocalDate expires,
              String source) {

    /** @param relativeFile the finding's file relative to the configuration's directory */
    boolean covers(Finding finding, Path relativeFile) {
        return rule.equals(finding.ruleId())
                && (resource == null || resource.equals(finding.resource()))
                && path.matches(relativeFile);
    }

    /** The suppression this waiver gives on {@code today}: expired once {@code today} is past {@code expires}. */
    Suppression suppression(LocalDate today) {
        return new Suppression(Suppression.Kind.WAIVER, source, reason, owner, expires,
                expires != null && expires.isBefore(today));
    }
}
