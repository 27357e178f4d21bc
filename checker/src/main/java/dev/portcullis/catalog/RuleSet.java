package dev.portcullis.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.portcullis.engine.ResourceCheck;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.model.Finding;

/**
 * The selected rules as one engine check: indexed by resource type once, so each resource meets only the rules
 * written for its type and those for every type ({@code resourceTypes: ["*"]}), in the order of the selection.
 */
public final class RuleSet implements ResourceCheck {

    private final List<Rule> rules;
    private final Map<String, List<Rule>> byType;
    /** The rules for every type: all a resource of a type no rule names meets. */
    private final List<Rule> anyType;

    public RuleSet(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        this.anyType = this.rules.stream().filter(Rule::anyType).toList();
        Set<String> named = new HashSet<>();
        for (Rule rule : this.rules) {
            named.addAll(rule.resourceTypes());
        }
        named.remove(Rule.ANY_TYPE);
        Map<String, List<Rule>> index = new HashMap<>();
        for (String type : named) {
            index.put(type, new ArrayList<>());
        }
        for (Rule rule : this.rules) {
            for (String type : rule.anyType() ? named : rule.resourceTypes()) {
                index.get(type).add(rule);
            }
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        this.byType = Collections.unmodifiableMap(index);
    }

    public List<Rule> rules() {
        return rules;
    }

    @Override
    public void evaluate(ResourceContext context, Outcomes out) {
        for (Rule rule : byType.getOrDefault(context.resource().type(), anyType)) {
            RuleEvaluator.evaluate(rule, context, out);
        }
    }

    @Override
    public List<Finding> check(ResourceContext context) {
        List<Finding> findings = new ArrayList<>();
        evaluate(context, new Outcomes() {
            @Override
            public void fail(Finding finding) {
                findings.add(finding);
            }

            @Override
            public void unknown(Finding finding) {
                // check() reports findings only; evaluate() is the three-valued entry point
            }
        });
        return findings;
    }
}
