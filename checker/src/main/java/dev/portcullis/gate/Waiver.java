package dev.portcullis.gate;

import java.nio.file.Path;
import java.time.LocalDate;

import dev.portcullis.model.Finding;
import dev.portcullis.model.Suppression;

/**
 * One entry of the central waiver list (the waiver file or {@code waivers:} in the project configuration): the
 * findings of one rule in the files {@code path} matches, for one resource or (when {@code resource} is null) all.
 *
 * @param expires the last day the waiver applies; null when it does not expire
 * @param file    the file the waiver is written in, as messages name it
 * @param line    its line in {@code file}
 * @param index   its position in that file's {@code waivers} list
 */
record Waiver(String rule, PathGlob path, String resource, String reason, String owner, LocalDate expires,
              String file, int line, int index) {

    /** @param relativeFile the finding's file relative to the configuration's directory */
    boolean covers(Finding finding, Path relativeFile) {
        return rule.equals(finding.ruleId())
                && (resource == null || resource.equals(finding.resource()))
                && path.matches(relativeFile);
    }

    /** Where the waiver is written, {@code file:line}, for people reading the report. */
    String source() {
        return file + ":" + line;
    }

    /** The suppression this waiver gives on {@code today}: expired once {@code today} is past {@code expires}. */
    Suppression suppression(LocalDate today) {
        return new Suppression(Suppression.Kind.WAIVER, source(), reason, owner, expires,
                expires != null && expires.isBefore(today));
    }
}
