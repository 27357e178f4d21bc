package dev.portcullis.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.portcullis.model.Severity;

/**
 * A named selection of rules ({@code rules/packs/<name>.yaml}): the rules some selector picks, minus
 * {@code exclude}, with severities overridden where the pack says. {@code ruleReferences} maps every rule id the
 * pack names to the line naming it, so a pack that names a missing rule is an error at that line.
 */
public record Pack(
        String name,
        String title,
        String description,
        List<PackSelector> selectors,
        Set<String> exclude,
        Map<String, Severity> severities,
        String file,
        Map<String, Integer> ruleReferences) {

    public Pack {
        selectors = List.copyOf(selectors);
        exclude = Set.copyOf(exclude);
        severities = Map.copyOf(severities);
        ruleReferences = Map.copyOf(ruleReferences);
    }

    /** The pack's rules out of {@code rules}, in the same order, with the pack's severities. */
    public List<Rule> select(List<Rule> rules) {
        List<Rule> out = new ArrayList<>();
        for (Rule rule : rules) {
            if (exclude.contains(rule.id()) || selectors.stream().noneMatch(s -> s.selects(rule))) {
                continue;
            }
            Severity override = severities.get(rule.id());
            out.add(override == null ? rule : rule.withSeverity(override));
        }
        return out;
    }
}
