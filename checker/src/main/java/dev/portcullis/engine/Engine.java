package dev.portcullis.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.portcullis.model.Finding;
import dev.portcullis.model.Node;
import dev.portcullis.model.Resource;
import dev.portcullis.model.Severity;
import dev.portcullis.model.Template;
import dev.portcullis.resolve.Expansion;
import dev.portcullis.resolve.Inputs;
import dev.portcullis.resolve.Resolver;
import dev.portcullis.resolve.Scenario;
import dev.portcullis.resolve.ScenarioPlan;
import dev.portcullis.resolve.Value;

/**
 * Runs every check on every resource of a template, once per feasible condition scenario, and merges the
 * results: a finding that holds in every scenario is reported plainly; one that holds in only some of them
 * says which ({@link Finding#scenario()}).
 */
public final class Engine {

    /** Info finding when a resource has more condition combinations than the resolver's budget. */
    public static final String OVER_BUDGET_RULE = "conditions-over-budget";

    private final List<ResourceCheck> checks;

    public Engine(List<ResourceCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** Info finding for a {@code Fn::ForEach} loop whose resources could not be generated, hence not checked. */
    public static final String LOOP_NOT_EXPANDED_RULE = "foreach-not-expanded";

    /** Evaluates a template that has no loops to expand (or whose loops were expanded already). */
    public TemplateEvaluation evaluate(Template template, Inputs inputs) {
        return evaluate(new Expansion(template, List.of()), inputs);
    }

    /**
     * Evaluates one template after its {@code AWS::LanguageExtensions} loops were expanded.
     * Throws {@code InputException} if it cannot be evaluated.
     */
    public TemplateEvaluation evaluate(Expansion expansion, Inputs inputs) {
        Template template = expansion.template();
        Resolver resolver = new Resolver(template, inputs);
        List<Finding> findings = new ArrayList<>(TemplateNotes.of(template));
        for (Expansion.Note note : expansion.notes()) {
            findings.add(Finding.at(LOOP_NOT_EXPANDED_RULE, Severity.INFO, note.span(), null, null, "Resources",
                    note.message() + "; the resources it would create were not checked"));
        }
        for (Resource resource : template.resources().values()) {
            findings.addAll(evaluate(template, resource, resolver));
        }
        return new TemplateEvaluation(findings, template.resources().size());
    }

    private List<Finding> evaluate(Template template, Resource resource, Resolver resolver) {
        ScenarioPlan plan = resolver.plan(resource);
        List<Scenario> scenarios = plan.scenarios();
        // Same finding (rule, place) across scenarios → one entry remembering the scenarios it holds in.
        Map<FindingKey, Held> held = new LinkedHashMap<>();
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario scenario = scenarios.get(i);
            if (!resolver.exists(resource, scenario)) {
                continue;
            }
            Node propertiesNode = resource.properties();
            Value properties = propertiesNode == null ? null : resolver.resolve(propertiesNode, scenario);
            ResourceContext context = new ResourceContext(template, resource, properties);
            for (ResourceCheck check : checks) {
                for (Finding f : check.check(context)) {
                    held.computeIfAbsent(FindingKey.of(f), k -> new Held(f, new BitSet())).scenarios().set(i);
                }
            }
        }
        List<Finding> out = new ArrayList<>(held.size() + 1);
        if (!plan.exhaustive() && plan.note() != null) {
            out.add(Finding.at(OVER_BUDGET_RULE, Severity.INFO, resource.keySpan(), resource.logicalId(),
                    resource.type(), "Resources/" + resource.logicalId(), plan.note()));
        }
        for (Held h : held.values()) {
            String when = ScenarioLabel.describe(h.scenarios(), scenarios);
            out.add(when == null ? h.first() : h.first().withScenario(when));
        }
        return out;
    }

    private record Held(Finding first, BitSet scenarios) {
    }

    private record FindingKey(String ruleId, String resource, String path, int line, int column) {
        static FindingKey of(Finding f) {
            return new FindingKey(f.ruleId(), Objects.toString(f.resource(), ""), f.path(), f.line(), f.column());
        }
    }
}
