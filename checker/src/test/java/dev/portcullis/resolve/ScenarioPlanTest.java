package dev.portcullis.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.portcullis.model.InputException;
import dev.portcullis.model.Resource;
import dev.portcullis.model.Template;

/** Condition scenarios: feasibility, determined conditions, nesting, and the budget fallback. */
class ScenarioPlanTest {

    private record Planned(Template template, Resolver resolver, ScenarioPlan plan) {
        Resource resource(String id) {
            return template.resources().get(id);
        }
    }

    private static Planned plan(String yaml, Inputs inputs) {
        Template t = Templates.yaml(yaml);
        Resolver r = new Resolver(t, inputs);
        return new Planned(t, r, r.plan(t.resources().get("Thing")));
    }

    private static Planned plan(String yaml) {
        return plan(yaml, Inputs.NONE);
    }

    private static Set<Map<String, Boolean>> assignments(ScenarioPlan plan) {
        Set<Map<String, Boolean>> out = new HashSet<>();
        for (Scenario s : plan.scenarios()) {
            out.add(s.assumptions());
        }
        assertEquals(plan.scenarios().size(), out.size(), "scenarios are deduplicated");
        return out;
    }

    private static final String STAGE_CONDITIONS = """
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
              IsDev: !Equals [dev, !Ref Stage]
            Resources:
              Thing:
                Type: AWS::S3::Bucket
                Properties:
                  A: !If [IsProd, p, np]
                  B: !If [IsDev, d, nd]
            """;

    @Test
    void oneParameterCannotEqualTwoLiterals() {
        ScenarioPlan plan = plan("""
                Parameters:
                  Stage: {Type: String}
                """ + STAGE_CONDITIONS).plan();
        assertTrue(plan.exhaustive());
        assertNull(plan.note());
        assertEquals(Set.of(
                Map.of("IsProd", true, "IsDev", false),
                Map.of("IsProd", false, "IsDev", true),
                Map.of("IsProd", false, "IsDev", false)), assignments(plan));
    }

    @Test
    void allowedValuesCoveredMeansOneComparisonHolds() {
        ScenarioPlan plan = plan("""
                Parameters:
                  Stage: {Type: String, AllowedValues: [prod, dev]}
                """ + STAGE_CONDITIONS).plan();
        assertEquals(Set.of(
                Map.of("IsProd", true, "IsDev", false),
                Map.of("IsProd", false, "IsDev", true)), assignments(plan));
    }

    @Test
    void literalOutsideAllowedValuesIsAlwaysFalse() {
        Planned p = plan("""
                Parameters:
                  Stage: {Type: String, AllowedValues: [prod, dev]}
                Conditions:
                  IsStaging: !Equals [!Ref Stage, staging]
                Resources:
                  Thing:
                    Type: AWS::S3::Bucket
                    Properties:
                      A: !If [IsStaging, s, ns]
                """);
        assertSame(ScenarioPlan.SINGLE, p.plan());
        Value.Struct props = (Value.Struct) p.resolver().resolve(p.resource("Thing").properties(), Scenario.NONE);
        assertEquals("ns", props.get("A").toPlain());
    }

    @Test
    void determinedConditionsAreNeverEnumerated() {
        Planned p = plan("""
                Parameters:
                  Stage: {Type: String, Default: dev}
                """ + STAGE_CONDITIONS);
        assertSame(ScenarioPlan.SINGLE, p.plan());
        Planned supplied = plan("""
                Parameters:
                  Stage: {Type: String}
                """ + STAGE_CONDITIONS, new Inputs(Map.of("Stage", "prod"), null, null));
        assertSame(ScenarioPlan.SINGLE, supplied.plan());
        Value.Struct props = (Value.Struct) supplied.resolver().resolve(supplied.resource("Thing").properties(), Scenario.NONE);
        assertEquals(Map.of("A", "p", "B", "nd"), props.toPlain());
    }

    @Test
    void kleeneLogicDecidesAndWithAFalseOperand() {
        Planned p = plan("""
                Parameters:
                  Stage: {Type: String}
                Conditions:
                  IsProd: !Equals [!Ref Stage, prod]
                  Never: !And [!Condition IsProd, !Equals [a, b]]
                  Always: !Or [!Equals [x, x], !Condition IsProd]
                Resources:
                  Thing:
                    Type: AWS::S3::Bucket
                    Properties:
                      A: !If [Never, n, nn]
                      B: !If [Always, a, na]
                """);
        assertSame(ScenarioPlan.SINGLE, p.plan());
    }

    @Test
    void nestedConditionsListEveryConditionInvolved() {
        Planned p = plan("""
                Parameters:
                  Stage: {Type: String}
                  KeyArn: {Type: String}
                Conditions:
                  IsProd: !Equals [!Ref Stage, prod]
                  HasKey: !Not [!Equals [!Ref KeyArn, '']]
                  ProdWithKey: !And [!Condition IsProd, {Condition: HasKey}]
                Resources:
                  Thing:
                    Type: AWS::S3::Bucket
                    Properties:
                      Key: !If [ProdWithKey, !Ref KeyArn, !Ref AWS::NoValue]
                """);
        assertEquals(Set.of(
                Map.of("ProdWithKey", true, "IsProd", true, "HasKey", true),
                Map.of("ProdWithKey", false, "IsProd", true, "HasKey", false),
                Map.of("ProdWithKey", false, "IsProd", false, "HasKey", true),
                Map.of("ProdWithKey", false, "IsProd", false, "HasKey", false)), assignments(p.plan()));
        for (Scenario s : p.plan().scenarios()) {
            Value.Struct props = (Value.Struct) p.resolver().resolve(p.resource("Thing").properties(), s);
            assertEquals(s.assumed("ProdWithKey"), props.field("Key") != null, s.describe());
        }
    }

    @Test
    void resourceConditionDecidesExistence() {
        Planned p = plan("""
                Parameters:
                  Stage: {Type: String}
                Conditions:
                  IsProd: !Equals [!Ref Stage, prod]
                Resources:
                  Thing:
                    Type: AWS::S3::Bucket
                    Condition: IsProd
                """);
        assertEquals(Set.of(Map.of("IsProd", true), Map.of("IsProd", false)), assignments(p.plan()));
        Resource thing = p.resource("Thing");
        assertTrue(p.resolver().exists(thing, new Scenario(Map.of("IsProd", true))));
        assertFalse(p.resolver().exists(thing, new Scenario(Map.of("IsProd", false))));
        assertTrue(p.resolver().exists(thing, Scenario.NONE), "an undecided condition counts as existing");
        assertEquals(null, p.resolver().holds("IsProd", Scenario.NONE));
    }

    @Test
    void undeclaredConditionsAreInputErrors() {
        InputException attribute = assertThrows(InputException.class, () -> plan("""
                Resources:
                  Thing:
                    Type: AWS::S3::Bucket
                    Condition: Nope
                """));
        assertEquals(4, attribute.line());
        InputException reference = assertThrows(InputException.class, () -> plan("""
                Conditions:
                  A: !Condition B
                Resources:
                  Thing: {Type: AWS::S3::Bucket}
                """));
        assertEquals(2, reference.line());
        assertThrows(InputException.class, () -> plan("""
                Conditions:
                  A: !Not [!Condition A]
                Resources:
                  Thing: {Type: AWS::S3::Bucket}
                """));
        assertThrows(InputException.class, () -> plan("""
                Conditions:
                  A: just text
                Resources:
                  Thing: {Type: AWS::S3::Bucket}
                """));
    }

    /**
     * P has AllowedValues and Q is free. The conditions are evaluated over every value combination (Q's values
     * a, b and "anything else" cover all cases), which is the ground truth the plan must equal. With [x, y] the
     * comparisons cover P's AllowedValues, so one of them must hold.
     */
    @ParameterizedTest
    @ValueSource(strings = {"x,y,z", "x,y"})
    void feasibleScenariosEqualABruteForceOverParameterValues(String allowed) {
        Planned p = plan("""
                Parameters:
                  P: {Type: String, AllowedValues: [%s]}
                  Q: {Type: String}
                Conditions:
                  C1: !Equals [!Ref P, x]
                  C2: !Or [!Equals [!Ref P, y], !Equals [!Ref Q, a]]
                  C3: !And [!Not [!Condition C1], !Equals [!Ref Q, b]]
                  C4: !Equals [a, !Ref Q]
                Resources:
                  Thing:
                    Type: AWS::S3::Bucket
                    Properties:
                      One: !If [C1, 1, 0]
                      Two: !If [C2, 1, 0]
                      Three: !If [C3, 1, 0]
                      Four: !If [C4, 1, 0]
                """.formatted(allowed));
        Set<Map<String, Boolean>> expected = new HashSet<>();
        for (String pv : allowed.split(",")) {
            for (String qv : List.of("a", "b", "other")) {
                boolean c1 = pv.equals("x");
                boolean c2 = pv.equals("y") || qv.equals("a");
                boolean c3 = !c1 && qv.equals("b");
                boolean c4 = qv.equals("a");
                expected.add(Map.of("C1", c1, "C2", c2, "C3", c3, "C4", c4));
            }
        }
        assertTrue(p.plan().exhaustive());
        assertEquals(expected, assignments(p.plan()));
    }

    @Test
    void fortyConditionsFallBackWithEveryBranchCovered() {
        int n = 40;
        StringBuilder yaml = new StringBuilder("Parameters:\n");
        for (int i = 0; i < n; i++) {
            yaml.append("  P").append(i).append(": {Type: String}\n");
        }
        yaml.append("Conditions:\n");
        for (int i = 0; i < n; i++) {
            yaml.append("  C").append(i).append(": !Equals [!Ref P").append(i).append(", enabled]\n");
        }
        yaml.append("Resources:\n  Thing:\n    Type: AWS::S3::Bucket\n    Properties:\n");
        for (int i = 0; i < n; i++) {
            yaml.append("      V").append(i).append(": !If [C").append(i).append(", t, f]\n");
        }
        ScenarioPlan plan = plan(yaml.toString()).plan();
        assertFalse(plan.exhaustive());
        assertTrue(plan.note().startsWith("conditions C0, C1, C2, C3, C4, ... (40) exceed the scenario budget"),
                plan.note());
        assertEquals(2 + 2 * n, plan.scenarios().size(), "all true, all false, and each one flipped from both");
        for (int i = 0; i < n; i++) {
            String c = "C" + i;
            assertTrue(plan.scenarios().stream().anyMatch(s -> s.assumed(c)), c);
            assertTrue(plan.scenarios().stream().anyMatch(s -> !s.assumed(c)), c);
        }
    }

    @Test
    void sixIndependentConditionsFitTheBudgetAndSevenDoNot() {
        assertEquals(64, plan(independent(6)).plan().scenarios().size());
        assertTrue(plan(independent(6)).plan().exhaustive());
        assertFalse(plan(independent(7)).plan().exhaustive());
    }

    @Test
    void manyAtomsUnderFewConditionsStayExhaustive() {
        // 20 comparisons, but the search stops as soon as both conditions are decided.
        StringBuilder yaml = new StringBuilder("Parameters:\n");
        StringBuilder any = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            yaml.append("  P").append(i).append(": {Type: String}\n");
            any.append(i == 0 ? "" : ", ").append("!Equals [!Ref P").append(i).append(", x]");
        }
        yaml.append("Conditions:\n  AnyX: !Or [").append(any).append("]\n  NoneX: !Not [!Condition AnyX]\n");
        yaml.append("Resources:\n  Thing:\n    Type: AWS::S3::Bucket\n    Properties:\n      A: !If [NoneX, a, b]\n");
        ScenarioPlan plan = plan(yaml.toString()).plan();
        assertTrue(plan.exhaustive());
        assertEquals(Set.of(Map.of("NoneX", true, "AnyX", false), Map.of("NoneX", false, "AnyX", true)),
                assignments(plan));
    }

    @Test
    void pseudoParameterComparisonsAreExclusiveToo() {
        ScenarioPlan plan = plan("""
                Conditions:
                  InUsEast1: !Equals [!Ref AWS::Region, us-east-1]
                  InEuWest1: !Equals [!Ref 'AWS::Region', eu-west-1]
                Resources:
                  Thing:
                    Type: AWS::S3::Bucket
                    Properties:
                      A: !If [InUsEast1, a, b]
                      B: !If [InEuWest1, a, b]
                """).plan();
        assertEquals(3, plan.scenarios().size());
        assertFalse(assignments(plan).contains(Map.of("InUsEast1", true, "InEuWest1", true)));
    }

    @Test
    void noConditionsMeansOneScenario() {
        assertSame(ScenarioPlan.SINGLE, plan("""
                Resources:
                  Thing: {Type: AWS::S3::Bucket}
                """).plan());
    }

    private static String independent(int n) {
        StringBuilder yaml = new StringBuilder("Parameters:\n");
        for (int i = 0; i < n; i++) {
            yaml.append("  P").append(i).append(": {Type: String}\n");
        }
        yaml.append("Conditions:\n");
        Map<String, String> props = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            yaml.append("  C").append(i).append(": !Equals [!Ref P").append(i).append(", enabled]\n");
            props.put("V" + i, "!If [C" + i + ", t, f]");
        }
        yaml.append("Resources:\n  Thing:\n    Type: AWS::S3::Bucket\n    Properties:\n");
        props.forEach((k, v) -> yaml.append("      ").append(k).append(": ").append(v).append('\n'));
        return yaml.toString();
    }
}
