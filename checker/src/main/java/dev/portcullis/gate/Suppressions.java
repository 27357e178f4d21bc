package dev.portcullis.gate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import dev.portcullis.model.Finding;
import dev.portcullis.model.Suppression;

/**
 * Marks the findings of one template that a waiver or an inline suppression covers. A suppression that applies
 * wins over one that does not; among those that apply, the waiver file comes first, as the reviewed place. When
 * none applies but one was written (a waiver that expired, an inline suppression the configuration forbids), the
 * finding stays active and carries it, so every report can say why the suppression no longer holds.
 */
final class Suppressions {

    private final List<InlineSuppressions.Entry> inline;
    private final List<Waiver> waivers;
    private final InlinePolicy policy;
    private final Path relativeFile;
    private final LocalDate today;

    /**
     * @param relativeFile the template's path relative to the configuration's directory; null when there is no
     *                     configuration (and so no waivers)
     */
    Suppressions(List<InlineSuppressions.Entry> inline, List<Waiver> waivers, InlinePolicy policy,
                 Path relativeFile, LocalDate today) {
        this.inline = List.copyOf(inline);
        this.waivers = relativeFile == null ? List.of() : List.copyOf(waivers);
        this.policy = policy;
        this.relativeFile = relativeFile;
        this.today = today;
    }

    List<Finding> apply(List<Finding> findings) {
        if (inline.isEmpty() && waivers.isEmpty()) {
            return findings;
        }
        return findings.stream().map(this::apply).toList();
    }

    Finding apply(Finding finding) {
        Suppression lapsed = null;
        for (Waiver w : waivers) {
            if (w.covers(finding, relativeFile)) {
                Suppression s = w.suppression(today);
                if (s.suppresses()) {
                    return finding.withSuppression(s);
                }
                lapsed = lapsed == null ? s : lapsed;
            }
        }
        Suppression resourceLevel = null;
        Suppression templateLevel = null;
        for (InlineSuppressions.Entry e : inline) {
            if (e.rules().contains(finding.ruleId())) {
                if (e.resource() == null && templateLevel == null) {
                    templateLevel = e.suppression();
                } else if (e.resource() != null && e.resource().equals(finding.resource()) && resourceLevel == null) {
                    resourceLevel = e.suppression();
                }
            }
        }
        Suppression written = resourceLevel != null ? resourceLevel : templateLevel;
        if (written != null) {
            if (!policy.forbids(finding)) {
                return finding.withSuppression(written);
            }
            lapsed = lapsed == null ? written.asForbidden() : lapsed;
        }
        return lapsed == null ? finding : finding.withSuppression(lapsed);
    }
}
