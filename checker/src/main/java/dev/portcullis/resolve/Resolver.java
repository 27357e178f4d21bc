package dev.portcullis.resolve;

import dev.portcullis.model.Node;
import dev.portcullis.model.Resource;
import dev.portcullis.model.Template;

/**
 * Evaluates intrinsic functions and conditions of one template. (Interface fixed here; implementation in progress.)
 */
public final class Resolver {

    public Resolver(Template template, Inputs inputs) {
    }

    /** Evaluates {@code node} in {@code scenario}; returns null when the node is {@code AWS::NoValue}. */
    public Value resolve(Node node, Scenario scenario) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The feasible scenarios of the conditions {@code resource} depends on, within the budget. */
    public ScenarioPlan plan(Resource resource) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Whether the resource exists in the scenario (its {@code Condition} attribute, if any, holds). */
    public boolean exists(Resource resource, Scenario scenario) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
