package dev.portcullis.gate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import dev.portcullis.model.Finding;
import dev.portcullis.model.Severity;

/**
 * What one check run made of the project's waivers, so waiver files do not rot: a waiver whose glob matched a
 * template the run checked, whose rule ran, and which yet covered no finding there (holding or expired) is stale,
 * and becomes an info finding {@value #UNUSED_RULE} at the waiver's line.
 *
 * <p>A waiver whose glob matched no checked template is not judged at all: a run over some of the files (a
 * pre-commit hook passes only the staged ones, a pull request only the changed ones) says nothing about the
 * others. Templates that could not be read are not checked templates. Templates are checked in parallel, hence
 * the synchronized recording.
 */
final class WaiverUse {

    /** The built-in info finding for a waiver that matched no finding. */
    static final String UNUSED_RULE = "waiver-unused";

    /** How many checked templates each waiver's glob matched. */
    private final Map<Waiver, Integer> templates = new HashMap<>();
    private final Set<Waiver> used = new HashSet<>();

    /** One checked template: the waivers whose glob matched it, and those of them that covered a finding. */
    synchronized void record(Collection<Waiver> inScope, Collection<Waiver> usedHere) {
        for (Waiver w : inScope) {
            templates.merge(w, 1, Integer::sum);
        }
        used.addAll(usedHere);
    }

    /**
     * The info findings for the stale waivers among {@code waivers}, in their order.
     *
     * @param ran whether a rule ran in this check: a waiver of a rule that was not run (disabled, or not in the
     *            pack) is not judged, since it could not have matched anything
     */
    synchronized List<Finding> unused(List<Waiver> waivers, Predicate<String> ran) {
        List<Finding> notes = new ArrayList<>();
        for (Waiver w : waivers) {
            Integer matched = templates.get(w);
            if (matched == null || used.contains(w) || !ran.test(w.rule())) {
                continue;
            }
            notes.add(new Finding(UNUSED_RULE, Severity.INFO, w.file(), w.line(), 1, w.resource(), null,
                    "waivers/" + w.index(), message(w, matched), null));
        }
        return notes;
    }

    private static String message(Waiver w, int matched) {
        StringBuilder what = new StringBuilder("Waiver of ").append(w.rule()).append(" for '").append(w.path())
                .append('\'');
        if (w.resource() != null) {
            what.append(", resource ").append(w.resource());
        }
        if (w.owner() != null) {
            what.append(" (owner ").append(w.owner()).append(')');
        }
        return what + " matched no finding in the " + (matched == 1 ? "template" : matched + " templates")
                + " checked under its path; remove it, or correct its rule, path or resource";
    }
}
