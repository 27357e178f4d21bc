package dev.portcullis.resolve;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * One assignment of truth values to the conditions the template leaves undetermined. Conditions whose
 * value the template and inputs determine are not listed: the resolver evaluates those itself.
 * The empty scenario is the only one when nothing is undetermined.
 */
public record Scenario(Map<String, Boolean> assumptions) {

    public static final Scenario NONE = new Scenario(Map.of());

    public Scenario {
        assumptions = Map.copyOf(assumptions);
    }

    public Boolean assumed(String condition) {
        return assumptions.get(condition);
    }

    public boolean isEmpty() {
        return assumptions.isEmpty();
    }

    /** e.g. {@code IsProd=true, UseKms=false}, conditions sorted by name. */
    public String describe() {
        StringJoiner j = new StringJoiner(", ");
        new TreeMap<>(assumptions).forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }
}
