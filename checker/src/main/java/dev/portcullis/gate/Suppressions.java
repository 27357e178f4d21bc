package dev.portcullis.gate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.portcullis.model.Finding;
import dev.portcullis.model.Suppression;

/**
 * Marks the findings of one template that a waiver or an inline suppression covers. A suppression that applies
 * wins over one that does not; among those that apply, the waiver file comes first, as the reviewed place. When
 * none applies but one was written (a waiver that expired, an inline suppression the configuration forbids), the
 * finding stays active and carries it, so every report can say why the suppression no longer holds.
 *
 * <p>It also keeps track of which waivers could apply here (their glob matches the template) and which covered a
 * finding, holding or not, so the gate can report waivers that no longer match anything ({@link WaiverUse}).
 */
final class Suppressions {

    private final List<InlineSuppressions.Entry> inline;
    private final List<Waiver> waivers;
    private final InlinePolicy policy;
    private final Path relativeFile;
    private final LocalDate today;
    private final Set<Waiver> used = new LinkedHashSet<>();

    /**
     * @param relativeFile the template's path relative to the configuration's directory; null when there is no
     *                     configuration (and so no waivers)
     */
    Suppressions(List<InlineSuppressions.Entry> inline, List<Waiver> waivers, InlinePolicy policy,
                 Path relativeFile, LocalDate today) {
        this.inline = List.copyOf(inline);
        this.waivers = relativeFile == null ? List.of()
                : waivers.stream().filter(w -> w.path().matches(relativeFile)).toList();
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

    /** The waivers whose glob matches this template, in file order. */
    List<Waiver> waiversInScope() {
        return waivers;
    }

    /** The waivers that covered at least one finding {@link #apply} was given, whether they held or had expired. */
    Set<Waiver> waiversUsed() {
        return Set.copyOf(used);
    }

    Finding apply(Finding finding) {
        Suppression holding = null;
        Suppression lapsed = null;
        // Every waiver that covers the finding is marked used, not only the first that holds: two waivers for one
        // finding are a duplicate for a reviewer to spot, not a stale entry.
        for (Waiver w : waivers) {
            if (w.covers(finding, relativeFile)) {
                used.add(w);
                Suppression s = w.suppression(today);
                if (s.suppresses()) {
                    holding = holding == null ? s : holding;
                } else {
                    lapsed = lapsed == null ? s : lapsed;
                }
            }
        }
        if (holding != null) {
            return finding.withSuppression(holding);
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
