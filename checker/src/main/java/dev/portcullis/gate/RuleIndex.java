package dev.portcullis.gate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.portcullis.catalog.Catalog;
import dev.portcullis.catalog.Rule;
import dev.portcullis.model.InputError;
import dev.portcullis.report.RuleDescription;

/**
 * The rule ids a suppression or configuration may name (every catalog rule, run or not, and the built-in checks),
 * and which of our rules stand for another tool's id ({@code cfn_nag W35}, {@code checkov CKV_AWS_18}), from the
 * rules' {@code equivalents}.
 */
final class RuleIndex {

    /** For a gate without a catalog: any id is taken as known, and other tools' ids map to nothing. */
    static final RuleIndex OPEN = new RuleIndex(null, Map.of());

    private final Set<String> ids;
    private final Map<String, Set<String>> byEquivalent;

    private RuleIndex(Set<String> ids, Map<String, Set<String>> byEquivalent) {
        this.ids = ids;
        this.byEquivalent = byEquivalent;
    }

    static RuleIndex of(Catalog catalog) {
        Set<String> ids = new HashSet<>();
        Map<String, Set<String>> byEquivalent = new HashMap<>();
        for (RuleDescription d : RuleDescription.builtIn()) {
            ids.add(d.id());
        }
        for (Rule rule : catalog.rules()) {
            ids.add(rule.id());
            rule.equivalents().forEach((tool, foreignIds) -> {
                for (String foreign : foreignIds) {
                    byEquivalent.computeIfAbsent(key(tool, foreign), k -> new TreeSet<>()).add(rule.id());
                }
            });
        }
        return new RuleIndex(Set.copyOf(ids), Map.copyOf(byEquivalent));
    }

    boolean knows(String id) {
        return ids == null || ids.contains(id);
    }

    /** Our rules whose {@code equivalents} name {@code foreignId} of {@code tool} ({@code cfn_nag}, {@code checkov}). */
    Set<String> equivalentsOf(String tool, String foreignId) {
        return byEquivalent.getOrDefault(key(tool, foreignId), Set.of());
    }

    /** Ids the configuration names that no rule has, as {@code file:line} errors. */
    List<InputError> unknown(List<RuleReference> references) {
        return references.stream()
                .filter(r -> !knows(r.id()))
                .map(r -> new InputError(r.file(), r.line(), "no rule '" + r.id() + "'"))
                .toList();
    }

    private static String key(String tool, String foreignId) {
        return tool + "\u0000" + foreignId;
    }
}
