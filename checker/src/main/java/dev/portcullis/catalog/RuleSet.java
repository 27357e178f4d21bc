package dev.portcullis.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.portcullis.engine.ResourceCheck;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.model.Finding;

/**
 * The selected rules as one engine check: indexed by resource type once, so each resource meets only the rules
 * written for its type.
 */
public final class RuleSet implements ResourceCheck {

    private final List<Rule> rules;
    private final Map<String, List<Rule>> byType;

    public RuleSet(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        Map<String, List<Rule>> index = new HashMap<>();
        for (Rule rule : this.rules) {
            for (String type : rule.resourceTypes()) {
                index.computeIfAbsent(type, k -> new ArrayList<>()).add(rule);
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
        List<Rule> applicable = byType.get(context.resource().type());
        if (applicable == null) {
            return;
        }
        for (Rule rule : applicable) {
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
