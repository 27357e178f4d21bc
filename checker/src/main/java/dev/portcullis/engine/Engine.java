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
 * says which ({@link Finding#scenario()}). Results a template does not determine (UNKNOWN) are merged the same way
 * and kept apart from findings.
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
        List<Finding> unknown = new ArrayList<>();
        Memo memo = new Memo();
        for (Resource resource : template.resources().values()) {
            evaluate(template, resource, resolver, memo, findings, unknown);
        }
        return new TemplateEvaluation(findings, unknown, template.resources().size());
    }

    private void evaluate(Template template, Resource resource, Resolver resolver, Memo memo, List<Finding> findings,
                          List<Finding> unknown) {
        ScenarioPlan plan = resolver.plan(resource);
        List<Scenario> scenarios = plan.scenarios();
        // Same result (rule, place) across scenarios → one entry remembering the scenarios it holds in.
        Merged merged = new Merged();
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario scenario = scenarios.get(i);
            if (!resolver.exists(resource, scenario)) {
                continue;
            }
            Node propertiesNode = resource.properties();
            Value properties = propertiesNode == null ? null : resolver.resolve(propertiesNode, scenario);
            ResourceContext context = new ResourceContext(template, resource, properties, resolver, scenario, memo);
            merged.scenario = i;
            for (ResourceCheck check : checks) {
                check.evaluate(context, merged);
            }
        }
        if (!plan.exhaustive() && plan.note() != null) {
            findings.add(Finding.at(OVER_BUDGET_RULE, Severity.INFO, resource.keySpan(), resource.logicalId(),
                    resource.type(), "Resources/" + resource.logicalId(), plan.note()));
        }
        merged.drainTo(merged.failed, scenarios, findings);
        merged.drainTo(merged.undetermined, scenarios, unknown);
    }

    /** The results of one resource across its scenarios, FAIL and UNKNOWN kept apart. */
    private static final class Merged implements ResourceCheck.Outcomes {
        final Map<FindingKey, Held> failed = new LinkedHashMap<>();
        final Map<FindingKey, Held> undetermined = new LinkedHashMap<>();
        int scenario;

        @Override
        public void fail(Finding finding) {
            failed.computeIfAbsent(FindingKey.of(finding), k -> new Held(finding, new BitSet())).scenarios().set(scenario);
        }

        @Override
        public void unknown(Finding finding) {
            undetermined.computeIfAbsent(FindingKey.of(finding), k -> new Held(finding, new BitSet()))
                    .scenarios().set(scenario);
        }

        void drainTo(Map<FindingKey, Held> held, List<Scenario> scenarios, List<Finding> out) {
            for (Held h : held.values()) {
                String when = ScenarioLabel.describe(h.scenarios(), scenarios);
                out.add(when == null ? h.first() : h.first().withScenario(when));
            }
        }
    }

    private record Held(Finding first, BitSet scenarios) {
    }

    private record FindingKey(String ruleId, String resource, String path, int line, int column) {
        static FindingKey of(Finding f) {
            return new FindingKey(f.ruleId(), Objects.toString(f.resource(), ""), f.path(), f.line(), f.column());
        }
    }
}
