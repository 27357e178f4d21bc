package dev.portcullis.resolve;

import dev.portcullis.model.InputException;
import dev.portcullis.model.Node;
import dev.portcullis.model.Resource;
import dev.portcullis.model.Template;

/**
 * Evaluates intrinsic functions and conditions of one template for one set of inputs. Built once per
 * template; immutable afterwards, so checks may share it. Construction fails with an {@link InputException}
 * when a supplied parameter is outside its AllowedValues or a condition is malformed or circular.
 */
public final class Resolver {

    private final Evaluator evaluator;
    private final Conditions conditions;
    private final ScenarioPlanner planner;

    public Resolver(Template template, Inputs inputs) {
        this.evaluator = new Evaluator(template, new EffectiveParameters(template, inputs), new PseudoParameters(inputs));
        this.conditions = Conditions.compile(template, evaluator);
        evaluator.attach(conditions);
        this.planner = new ScenarioPlanner(conditions);
    }

    /** Evaluates {@code node} in {@code scenario}; returns null when the node is {@code AWS::NoValue}. */
    public Value resolve(Node node, Scenario scenario) {
        return evaluator.resolve(node, scenario);
    }

    /** The feasible scenarios of the conditions {@code resource} depends on, within the budget. */
    public ScenarioPlan plan(Resource resource) {
        return planner.plan(resource);
    }

    /**
     * Whether the resource exists in the scenario (its {@code Condition} attribute, if any, holds). A condition
     * the scenario does not decide counts as existing, so the resource is checked rather than skipped.
     */
    public boolean exists(Resource resource, Scenario scenario) {
        String name = resource.condition();
        if (name == null) {
            return true;
        }
        if (!conditions.declares(name)) {
            throw new InputException(resource.node().get("Condition").span(),
                    "condition '" + name + "' is not declared in Conditions");
        }
        return conditions.truth(name, scenario) != Truth.FALSE;
    }

    /**
     * The truth of a named condition in the scenario: {@code TRUE}/{@code FALSE}, or null when the scenario
     * does not decide it (e.g. for an output's {@code Condition}).
     */
    public Boolean holds(String condition, Scenario scenario) {
        if (!conditions.declares(condition)) {
            throw new IllegalArgumentException("condition '" + condition + "' is not declared");
        }
        Truth t = conditions.truth(condition, scenario);
        return t.known() ? t == Truth.TRUE : null;
    }
}
