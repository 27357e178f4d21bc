package dev.portcullis.resolve;

import java.util.List;

/**
 * The scenarios to evaluate a resource in. {@code exhaustive} is false when the budget was exceeded and the
 * sound fallback was used (every {@code Fn::If} branch considered at least once); {@code note} then says so.
 */
public record ScenarioPlan(List<Scenario> scenarios, boolean exhaustive, String note) {

    public static final ScenarioPlan SINGLE = new ScenarioPlan(List.of(Scenario.NONE), true, null);

    public ScenarioPlan {
        scenarios = List.copyOf(scenarios);
    }
}
