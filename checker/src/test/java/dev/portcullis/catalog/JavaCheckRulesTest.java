package dev.portcullis.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import dev.portcullis.engine.ResourceContext;
import dev.portcullis.engine.TemplateEvaluation;
import dev.portcullis.model.InputError;
import dev.portcullis.resolve.Value;
import org.junit.jupiter.api.Test;

/** Rules that name a Java check: parameter binding, violations to findings, UNKNOWN, and failures. */
class JavaCheckRulesTest {

    /** Parameters of the test check. */
    record Limit(String property, int max) {
    }

    /** Fails every value of {@code property} above {@code max}; unknown when the value is not determined. */
    static final class AtMost implements RuleCheck<Limit> {
        @Override
        public Class<Limit> params() {
            return Limit.class;
        }

        @Override
        public void evaluate(ResourceContext context, Limit params, Violations out) {
            if (!(context.properties() instanceof Value.Struct props)) {
                out.fail((dev.portcullis.model.Span) null, null, Map.of("limit", "missing"));
                return;
            }
            Value v = props.get(params.property());
            if (v instanceof Value.Unknown) {
                out.unknown(v, params.property(), "cannot tell");
            } else if (v instanceof Value.Scalar s && Integer.parseInt(s.text()) > params.max()) {
                out.fail(v, params.property(), Map.of("limit", Integer.toString(params.max())));
            }
        }
    }

    /** A check that breaks, as a bug would. */
    static final class Broken implements RuleCheck<NoParams> {
        @Override
        public Class<NoParams> params() {
            return NoParams.class;
        }

        @Override
        public void evaluate(ResourceContext context, NoParams params, Violations out) {
            throw new IllegalStateException("boom");
        }
    }

    private static final CheckRegistry REGISTRY = CheckRegistry.builder()
            .add("test.at-most", new AtMost())
            .add("test.broken", new Broken())
            .build();

    private static String rule(String check, String params) {
        return "id: my-rule\ntitle: Small enough\nseverity: low\nresourceTypes: [AWS::SQS::Queue]\n"
                + "check: " + check + "\n" + (params == null ? "" : "params: " + params + "\n")
                + "message: \"{resource} has {path} = {value}, above {limit}\"\n"
                + "remediation: Lower it.\nrationale: Because.\n";
    }

    @Test
    void violationsBecomeFindingsAndUnknowns() {
        Rule rule = Rules.rule(rule("test.at-most", "{property: Delay, max: 10}"), REGISTRY);
        TemplateEvaluation e = Rules.run(List.of(rule), """
                Parameters:
                  P: {Type: Number}
                Resources:
                  Slow:
                    Type: AWS::SQS::Queue
                    Properties:
                      Delay: 60
                  Fast:
                    Type: AWS::SQS::Queue
                    Properties: {Delay: 5}
                  Unset:
                    Type: AWS::SQS::Queue
                    Properties: {Delay: !Ref P}
                  Bare:
                    Type: AWS::SQS::Queue
                """, dev.portcullis.resolve.Inputs.NONE);
        assertEquals(List.of(7, 14), e.findings().stream().map(f -> f.line()).toList());
        assertEquals("Slow has Delay = 60, above 10", e.findings().get(0).message());
        assertEquals("Resources/Slow/Properties/Delay", e.findings().get(0).path());
        assertEquals("Resources/Bare", e.findings().get(1).path(), "no span and no path: the resource itself");
        assertEquals(List.of(13), e.unknown().stream().map(f -> f.line()).toList());
        assertEquals("cannot tell", e.unknown().get(0).message());
    }

    @Test
    void paramsAreBoundAndCheckedWhenTheRuleLoads() {
        RuleLoader.Loaded wrongType = Rules.load(rule("test.at-most", "{property: Delay, max: lots}"), REGISTRY);
        assertNull(wrongType.rule());
        InputError e = wrongType.errors().get(0);
        assertEquals(6, e.line());
        assertTrue(e.message().contains("max"), e.message());
        RuleLoader.Loaded unknownField = Rules.load(rule("test.at-most", "{property: Delay, max: 1, colour: red}"),
                REGISTRY);
        assertTrue(unknownField.errors().get(0).message().contains("colour"), unknownField.errors().toString());
        RuleLoader.Loaded unwanted = Rules.load(rule("test.broken", "{x: 1}"), REGISTRY);
        assertTrue(unwanted.errors().get(0).message().contains("takes no params"), unwanted.errors().toString());
    }

    @Test
    void aFailingCheckNamesTheRuleAndResource() {
        Rule rule = Rules.rule(rule("test.broken", null), REGISTRY);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Rules.run(List.of(rule), """
                Resources:
                  Q:
                    Type: AWS::SQS::Queue
                """, dev.portcullis.resolve.Inputs.NONE));
        assertTrue(e.getMessage().contains("my-rule") && e.getMessage().contains("test.broken")
                && e.getMessage().contains("Q"), e.getMessage());
    }

    @Test
    void checkNamesAreValidatedAndUnique() {
        assertThrows(IllegalArgumentException.class, () -> CheckRegistry.builder().add("NoArea", new Broken()));
        assertThrows(IllegalArgumentException.class, () -> CheckRegistry.builder()
                .add("a.b", new Broken()).add("a.b", new Broken()));
    }
}
