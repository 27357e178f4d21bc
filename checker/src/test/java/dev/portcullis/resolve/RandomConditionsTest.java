package dev.portcullis.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import dev.portcullis.model.Template;

/**
 * Random condition sets over parameters without defaults, compared with a brute force over every parameter
 * value that matters (each literal used, plus one value equal to none of them). Comparisons with literals are
 * what the planner claims to enumerate exactly, so the scenarios must equal the brute force's assignments.
 */
class RandomConditionsTest {

    private static final List<String> LITERALS = List.of("a", "b", "c", "d");
    private static final String OTHER = "zz";

    /** A generated condition: its YAML text and how it evaluates for given parameter values. */
    private record Generated(String yaml, Predicate<Map<String, String>> holds) {
    }

    @Test
    void scenariosEqualBruteForce() {
        Random random = new Random(20261101L);
        for (int round = 0; round < 300; round++) {
            check(random, round);
        }
    }

    private static void check(Random random, int round) {
        int parameterCount = 1 + random.nextInt(3);
        Map<String, List<String>> domains = new HashMap<>();
        StringBuilder yaml = new StringBuilder("Parameters:\n");
        for (int i = 0; i < parameterCount; i++) {
            String name = "P" + i;
            List<String> allowed = new ArrayList<>();
            if (random.nextBoolean()) {
                for (String l : LITERALS.subList(0, 3)) {
                    if (random.nextInt(3) > 0) {
                        allowed.add(l);
                    }
                }
            }
            yaml.append("  ").append(name).append(": {Type: String");
            if (!allowed.isEmpty()) {
                yaml.append(", AllowedValues: ").append(allowed);
            }
            yaml.append("}\n");
            List<String> domain = new ArrayList<>(allowed);
            if (domain.isEmpty()) {
                domain.addAll(LITERALS);
                domain.add(OTHER);
            }
            domains.put(name, domain);
        }
        int conditionCount = 1 + random.nextInt(4);
        List<Generated> conditions = new ArrayList<>();
        yaml.append("Conditions:\n");
        for (int i = 0; i < conditionCount; i++) {
            Generated g = generate(random, parameterCount, conditions, 2);
            conditions.add(g);
            yaml.append("  C").append(i).append(": ").append(g.yaml()).append('\n');
        }
        yaml.append("Resources:\n  Thing:\n    Type: AWS::S3::Bucket\n    Properties:\n");
        for (int i = 0; i < conditionCount; i++) {
            yaml.append("      V").append(i).append(": !If [C").append(i).append(", t, f]\n");
        }

        Template t = Templates.yaml(yaml.toString());
        Resolver resolver = new Resolver(t, Inputs.NONE);
        ScenarioPlan plan = resolver.plan(t.resources().get("Thing"));
        assertTrue(plan.exhaustive(), "round " + round);

        List<Map<String, Boolean>> truths = new ArrayList<>();
        for (Map<String, String> values : combinations(domains, parameterCount)) {
            Map<String, Boolean> truth = new HashMap<>();
            for (int i = 0; i < conditionCount; i++) {
                truth.put("C" + i, conditions.get(i).holds().test(values));
            }
            truths.add(truth);
        }
        Set<String> listed = plan.scenarios().get(0).assumptions().keySet();
        Set<Map<String, Boolean>> expected = new HashSet<>();
        for (Map<String, Boolean> truth : truths) {
            Map<String, Boolean> projected = new HashMap<>(truth);
            projected.keySet().retainAll(listed);
            expected.add(projected);
        }
        Set<Map<String, Boolean>> actual = new HashSet<>();
        plan.scenarios().forEach(s -> actual.add(s.assumptions()));
        assertEquals(expected, actual, "round " + round + "\n" + yaml);
        for (int i = 0; i < conditionCount; i++) {
            String name = "C" + i;
            if (!listed.contains(name)) {
                Boolean fixed = resolver.holds(name, Scenario.NONE);
                assertTrue(truths.stream().allMatch(tr -> tr.get(name).equals(fixed)), name + " round " + round + "\n" + yaml);
            }
        }
    }

    private static Generated generate(Random random, int parameterCount, List<Generated> earlier, int depth) {
        int kind = depth == 0 ? 0 : random.nextInt(earlier.isEmpty() ? 4 : 5);
        switch (kind) {
            case 1: {
                Generated a = generate(random, parameterCount, earlier, depth - 1);
                return new Generated("!Not [" + a.yaml() + "]", v -> !a.holds().test(v));
            }
            case 2:
            case 3: {
                Generated a = generate(random, parameterCount, earlier, depth - 1);
                Generated b = generate(random, parameterCount, earlier, depth - 1);
                return kind == 2
                        ? new Generated("!And [" + a.yaml() + ", " + b.yaml() + "]", v -> a.holds().test(v) && b.holds().test(v))
                        : new Generated("!Or [" + a.yaml() + ", " + b.yaml() + "]", v -> a.holds().test(v) || b.holds().test(v));
            }
            case 4: {
                int index = random.nextInt(earlier.size());
                Generated target = earlier.get(index);
                return new Generated("!Condition C" + index, target.holds());
            }
            default: {
                String parameter = "P" + random.nextInt(parameterCount);
                String literal = LITERALS.get(random.nextInt(LITERALS.size()));
                String yaml = random.nextBoolean()
                        ? "!Equals [!Ref " + parameter + ", " + literal + "]"
                        : "!Equals [" + literal + ", !Ref " + parameter + "]";
                return new Generated(yaml, v -> v.get(parameter).equals(literal));
            }
        }
    }

    private static List<Map<String, String>> combinations(Map<String, List<String>> domains, int parameterCount) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new HashMap<>());
        for (int i = 0; i < parameterCount; i++) {
            String name = "P" + i;
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String value : domains.get(name)) {
                    Map<String, String> m = new HashMap<>(partial);
                    m.put(name, value);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }
}
