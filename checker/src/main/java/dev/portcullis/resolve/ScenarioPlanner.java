package dev.portcullis.resolve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.portcullis.model.InputException;
import dev.portcullis.model.IntrinsicNode;
import dev.portcullis.model.MappingNode;
import dev.portcullis.model.Node;
import dev.portcullis.model.Resource;
import dev.portcullis.model.ScalarNode;
import dev.portcullis.model.SequenceNode;

/**
 * Works out the condition scenarios one resource must be checked in. Only conditions the template leaves
 * undetermined are enumerated; the truth assignments of their {@code Fn::Equals} atoms are searched depth
 * first, pruned by what parameters allow (one parameter equals at most one literal; with AllowedValues it
 * equals exactly one of them), and each search branch stops as soon as every condition is decided.
 */
final class ScenarioPlanner {

    /**
     * At most this many scenarios per resource: 2^6, every combination of six independent conditions. Each
     * scenario costs a full evaluation of the resource by every check, so this bounds a resource's cost.
     */
    static final int MAX_SCENARIOS = 64;

    /** Search steps (partial atom assignments) before giving up on exact enumeration: 2^12. */
    static final int MAX_STEPS = 1 << 12;

    /** How many condition names the fallback note lists before "...". */
    private static final int NAMES_IN_NOTE = 5;

    private final Conditions conditions;

    ScenarioPlanner(Conditions conditions) {
        this.conditions = conditions;
    }

    ScenarioPlan plan(Resource resource) {
        Set<String> roots = new LinkedHashSet<>();
        String own = resource.condition();
        if (own != null) {
            requireDeclared(own, resource.node().get("Condition"));
            roots.add(own);
        }
        collectIfConditions(resource.node(), roots);
        List<String> undetermined = undeterminedClosure(roots);
        if (undetermined.isEmpty()) {
            return ScenarioPlan.SINGLE;
        }
        Search search = new Search(undetermined, atomsOf(undetermined));
        if (search.run()) {
            List<Scenario> scenarios = new ArrayList<>();
            for (Map<String, Boolean> assumptions : search.found) {
                scenarios.add(new Scenario(assumptions));
            }
            return new ScenarioPlan(scenarios, true, null);
        }
        return fallback(undetermined);
    }

    /**
     * The sound fallback past the budget: every undetermined condition true, every one false, and each one
     * flipped from those two, so every Fn::If branch is taken at least once.
     */
    private static ScenarioPlan fallback(List<String> names) {
        Set<Map<String, Boolean>> all = new LinkedHashSet<>();
        all.add(uniform(names, true));
        all.add(uniform(names, false));
        for (boolean base : new boolean[] {true, false}) {
            for (String name : names) {
                Map<String, Boolean> flipped = uniform(names, base);
                flipped.put(name, !base);
                all.add(flipped);
            }
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (Map<String, Boolean> assumptions : all) {
            scenarios.add(new Scenario(assumptions));
        }
        List<String> shown = names.subList(0, Math.min(NAMES_IN_NOTE, names.size()));
        String note = "conditions " + String.join(", ", shown) + (names.size() > shown.size() ? ", ..." : "")
                + " (" + names.size() + ") exceed the scenario budget; each branch was checked but not every combination";
        return new ScenarioPlan(scenarios, false, note);
    }

    private static Map<String, Boolean> uniform(List<String> names, boolean value) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (String name : names) {
            out.put(name, value);
        }
        return out;
    }

    private void requireDeclared(String name, Node at) {
        if (!conditions.declares(name)) {
            throw new InputException(at.span(), "condition '" + name + "' is not declared in Conditions");
        }
    }

    /** Conditions named by every Fn::If in the resource: properties, metadata, update policies. */
    private void collectIfConditions(Node node, Set<String> out) {
        if (node instanceof IntrinsicNode f) {
            if (f.function().equals("Fn::If") && f.argument() instanceof SequenceNode seq && seq.size() > 0
                    && seq.get(0) instanceof ScalarNode name && name.isString()) {
                requireDeclared((String) name.value(), name);
                out.add((String) name.value());
            }
            collectIfConditions(f.argument(), out);
        } else if (node instanceof MappingNode m) {
            for (MappingNode.Entry e : m.entries()) {
                collectIfConditions(e.value(), out);
            }
        } else if (node instanceof SequenceNode seq) {
            for (Node item : seq.items()) {
                collectIfConditions(item, out);
            }
        }
    }

    /** The undetermined conditions among {@code roots} and those they refer to, transitively. */
    private List<String> undeterminedClosure(Set<String> roots) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        List<String> pending = new ArrayList<>(roots);
        while (!pending.isEmpty()) {
            String name = pending.remove(0);
            if (!seen.add(name) || conditions.truth(name, Scenario.NONE).known()) {
                continue;
            }
            out.add(name);
            referencedNames(conditions.expr(name), pending);
        }
        return out;
    }

    private static void referencedNames(ConditionExpr expr, List<String> out) {
        if (expr instanceof ConditionExpr.Named n) {
            out.add(n.name());
        } else if (expr instanceof ConditionExpr.Not n) {
            referencedNames(n.operand(), out);
        } else if (expr instanceof ConditionExpr.All all) {
            all.operands().forEach(e -> referencedNames(e, out));
        } else if (expr instanceof ConditionExpr.Any any) {
            any.operands().forEach(e -> referencedNames(e, out));
        }
    }

    /** Atom ids under the undetermined conditions, in order of first appearance. */
    private int[] atomsOf(List<String> undetermined) {
        Set<Integer> ids = new LinkedHashSet<>();
        for (String name : undetermined) {
            atomIds(conditions.expr(name), ids);
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private void atomIds(ConditionExpr expr, Set<Integer> out) {
        if (expr instanceof ConditionExpr.AtomTest a) {
            out.add(a.atom());
        } else if (expr instanceof ConditionExpr.Not n) {
            atomIds(n.operand(), out);
        } else if (expr instanceof ConditionExpr.All all) {
            all.operands().forEach(e -> atomIds(e, out));
        } else if (expr instanceof ConditionExpr.Any any) {
            any.operands().forEach(e -> atomIds(e, out));
        }
        // Named conditions are visited through the closure; determined ones need no atoms.
    }

    /**
     * Depth-first search over atom assignments. Every partial assignment it visits can be completed to a
     * feasible one (the constraints are per operand and each leaves a choice until its last atom), so a branch
     * where Kleene evaluation already decides every condition is one scenario, whatever the rest.
     */
    private final class Search {

        private final List<String> names;
        private final int[] order;
        private final Truth[] values;
        /** Per position in {@code order}: index of its operand group, or -1 when unconstrained. */
        private final int[] groupOf;
        private final int[] trueCount;
        private final int[] lastPosition;
        private final boolean[] coversDomain;
        final Set<Map<String, Boolean>> found = new LinkedHashSet<>();
        private int steps;
        private boolean aborted;

        Search(List<String> names, int[] order) {
            this.names = names;
            this.order = order;
            this.values = new Truth[conditions.atoms().size()];
            Arrays.fill(values, Truth.UNKNOWN);
            this.groupOf = new int[order.length];
            Map<String, Integer> groups = new HashMap<>();
            List<Set<String>> literals = new ArrayList<>();
            List<List<String>> domains = new ArrayList<>();
            for (int pos = 0; pos < order.length; pos++) {
                Atom atom = conditions.atoms().get(order[pos]);
                if (!atom.comparesToLiteral()) {
                    groupOf[pos] = -1;
                    continue;
                }
                Integer g = groups.get(atom.operand());
                if (g == null) {
                    g = groups.size();
                    groups.put(atom.operand(), g);
                    literals.add(new LinkedHashSet<>());
                    domains.add(atom.domain());
                }
                groupOf[pos] = g;
                literals.get(g).add(atom.literal());
            }
            this.trueCount = new int[groups.size()];
            this.lastPosition = new int[groups.size()];
            this.coversDomain = new boolean[groups.size()];
            for (int pos = 0; pos < order.length; pos++) {
                if (groupOf[pos] >= 0) {
                    lastPosition[groupOf[pos]] = pos;
                }
            }
            for (int g = 0; g < groups.size(); g++) {
                coversDomain[g] = !domains.get(g).isEmpty() && literals.get(g).containsAll(domains.get(g));
            }
        }

        /** True when the search finished within the budget. */
        boolean run() {
            visit(0);
            return !aborted;
        }

        private void visit(int pos) {
            if (++steps > MAX_STEPS) {
                aborted = true;
                return;
            }
            Map<String, Boolean> decided = decide();
            if (decided != null) {
                found.add(decided);
                if (found.size() > MAX_SCENARIOS) {
                    aborted = true;
                }
                return;
            }
            if (pos == order.length) {
                return; // cannot happen: with every atom assigned, every condition is decided
            }
            int g = groupOf[pos];
            for (boolean value : new boolean[] {true, false}) {
                if (g >= 0 && value && trueCount[g] > 0) {
                    continue; // one operand cannot equal two different literals
                }
                if (g >= 0 && !value && coversDomain[g] && trueCount[g] == 0 && lastPosition[g] == pos) {
                    continue; // the operand must equal one of its AllowedValues
                }
                values[order[pos]] = Truth.of(value);
                if (g >= 0 && value) {
                    trueCount[g]++;
                }
                visit(pos + 1);
                if (g >= 0 && value) {
                    trueCount[g]--;
                }
                values[order[pos]] = Truth.UNKNOWN;
                if (aborted) {
                    return;
                }
            }
        }

        /** Every condition's truth under the current partial assignment, or null if one is still open. */
        private Map<String, Boolean> decide() {
            Map<String, Truth> memo = new HashMap<>();
            Map<String, Boolean> out = new LinkedHashMap<>();
            for (String name : names) {
                Truth t = conditions.evaluate(new ConditionExpr.Named(name), atom -> values[atom], Scenario.NONE, memo);
                if (!t.known()) {
                    return null;
                }
                out.put(name, t == Truth.TRUE);
            }
            return out;
        }
    }
}
