package dev.portcullis.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.portcullis.model.InputException;
import dev.portcullis.model.Template;

/** Each intrinsic function against values worked out by hand. */
class IntrinsicFunctionsTest {

    /** Properties of resource {@code Thing} start on line 27; each test's first property is on line 28. */
    private static final String HEADER = """
            Parameters:
              Env:
                Type: String
                Default: dev
              Subnets:
                Type: CommaDelimitedList
                Default: "a, b,c"
              NoDefault:
                Type: String
              AttrName:
                Type: String
                Default: TopicArn
            Mappings:
              RegionMap:
                us-east-1:
                  Ami: ami-1
                  Zones: [za, zb]
            Conditions:
              IsDev: !Equals [!Ref Env, dev]
              IsFree: !Equals [!Ref NoDefault, x]
            Resources:
              Other:
                Type: AWS::SNS::Topic
              Thing:
                Type: AWS::S3::Bucket
                Metadata: {}
                Properties:
            """;

    private static final int FIRST_PROPERTY_LINE = 28;

    private static final Inputs US_EAST_1 = new Inputs(Map.of(), "us-east-1", "123456789012");

    /** Resolves the properties written below {@code Properties:} (indented by the caller with six spaces). */
    private static Value.Struct properties(String yaml, Inputs inputs) {
        Template t = Templates.yaml(HEADER + yaml.indent(6));
        Resolver r = new Resolver(t, inputs);
        return (Value.Struct) r.resolve(t.resources().get("Thing").properties(), Scenario.NONE);
    }

    private static Value eval(String expression, Inputs inputs) {
        return properties("P: " + expression, inputs).get("P");
    }

    private static Value eval(String expression) {
        return eval(expression, US_EAST_1);
    }

    private static Object plain(String expression) {
        return eval(expression).toPlain();
    }

    private static InputException rejected(String expression) {
        return assertThrows(InputException.class, () -> eval(expression));
    }

    @Nested
    class Sub {
        @Test
        void parametersPseudoParametersAndEscapes() {
            Value v = eval("!Sub '${Env}-${AWS::Region}-${!Literal}-${ AWS::AccountId }'");
            assertEquals(new Value.Scalar("dev-us-east-1-${Literal}-123456789012", v.span()), v);
        }

        @Test
        void resourcesAndAttributesMakeItSymbolic() {
            Value v = eval("!Sub 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${Other.TopicName}/${Other}'");
            assertInstanceOf(Value.Symbolic.class, v);
            assertEquals("arn:aws:sns:us-east-1:123456789012:${Other.TopicName}/${Other}", v.toPlain());
        }

        @Test
        void anyUnknownPartMakesItUnknownEvenWithSymbolicParts() {
            Value v = eval("!Sub '${Other}-${NoDefault}'");
            assertEquals("parameter NoDefault has no default", ((Value.Unknown) v).reason());
            Value region = eval("!Sub 'x-${AWS::Region}'", Inputs.NONE);
            assertEquals("AWS::Region is not known; pass --region", ((Value.Unknown) region).reason());
        }

        @Test
        void variableMapTakesPrecedenceAndMayHoldIntrinsics() {
            assertEquals("dev/x/dev", plain("!Sub ['${A}/${Env}/${B}', {A: !Ref Env, Env: x, B: !Select [0, [dev]]}]"));
        }

        @Test
        void undeclaredVariableIsAnInputErrorAtItsLine() {
            InputException e = rejected("!Sub 'x-${Missing}'");
            assertEquals(FIRST_PROPERTY_LINE, e.line());
            assertTrue(e.getMessage().contains("Missing"), e.getMessage());
        }

        @Test
        void malformedArgumentsAreRejected() {
            rejected("!Sub [a, b, c]");
            rejected("!Sub ['${X}', [not, a, map]]");
            rejected("!Sub '${AWS::NoValue}'");
            rejected("!Sub '${NoDefault}-${Missing}'");
        }
    }

    @Nested
    class Ref {
        @Test
        void parameterValueCarriesTheSpanOfTheRef() {
            Value v = eval("!Ref Env");
            assertEquals("dev", v.toPlain());
            assertEquals(FIRST_PROPERTY_LINE, v.span().line(), "must point at the use, not the parameter's Default");
        }

        @Test
        void resourceIsSymbolic() {
            assertEquals(new Value.Symbolic("${Other}", eval("!Ref Other").span()), eval("!Ref Other"));
        }

        @Test
        void unknownNameIsAnInputError() {
            InputException e = rejected("!Ref Nope");
            assertEquals(FIRST_PROPERTY_LINE, e.line());
            assertEquals("t.yaml", e.file());
        }

        @Test
        void noValueRemovesPropertyAndListItem() {
            Value.Struct p = properties("""
                    Gone: !Ref AWS::NoValue
                    Kept: [a, !Ref AWS::NoValue, b]
                    """, US_EAST_1);
            assertNull(p.field("Gone"));
            assertEquals(List.of("a", "b"), p.get("Kept").toPlain());
        }
    }

    @Nested
    class GetAtt {
        @Test
        void dottedAndListFormsAndAttributeFromRef() {
            assertEquals(new Value.Symbolic("${Other.TopicName}", eval("!GetAtt Other.TopicName").span()),
                    eval("!GetAtt Other.TopicName"));
            assertEquals("${Other.TopicArn}", plain("{'Fn::GetAtt': [Other, !Ref AttrName]}"));
            assertEquals("${Other.A.B}", plain("!GetAtt Other.A.B"));
        }

        @Test
        void unknownResourceOrShapeIsAnInputError() {
            rejected("!GetAtt Nope.Arn");
            rejected("{'Fn::GetAtt': [Other]}");
            rejected("{'Fn::GetAtt': NoDot}");
        }
    }

    @Nested
    class ListFunctions {
        @Test
        void joinDropsNoValueAndAcceptsListParameters() {
            assertEquals("a-dev", plain("!Join ['-', [a, !Ref Env, !Ref AWS::NoValue]]"));
            assertEquals("a:b:c", plain("!Join [':', !Ref Subnets]"), "list parameter members are trimmed");
            assertEquals("", plain("!Join [',', []]"));
        }

        @Test
        void joinWithSymbolicOrUnknownItems() {
            assertEquals(new Value.Symbolic("x/${Other}", eval("!Join ['/', [x, !Ref Other]]").span()),
                    eval("!Join ['/', [x, !Ref Other]]"));
            assertInstanceOf(Value.Unknown.class, eval("!Join ['/', [!Ref Other, !Ref NoDefault]]"));
        }

        @Test
        void selectWithNumberOrStringIndex() {
            assertEquals("b", plain("!Select [1, !Ref Subnets]"));
            assertEquals("z", plain("!Select ['2', [x, y, z]]"));
            assertEquals("p", plain("!Select [0, !Split [',', 'p,q']]"));
            assertEquals("", plain("!Select [1, !Split ['/', 'a//b']]"));
            assertEquals("1+2+3", plain("!Join ['+', !Split [',', '1,2,3']]"));
            assertEquals("zb", plain("!Select [1, !FindInMap [RegionMap, !Ref AWS::Region, Zones]]"));
        }

        @Test
        void selectedItemKeepsItsOwnSpan() {
            Value.Struct p = properties("""
                    P: !Select
                      - 1
                      - - first
                        - second
                    """, US_EAST_1);
            assertEquals(FIRST_PROPERTY_LINE + 3, p.get("P").span().line());
        }

        @Test
        void selectOutOfRangeOrBadIndexIsAnInputError() {
            InputException e = rejected("!Select [3, [a, b]]");
            assertEquals("Fn::Select index 3 is out of range for a list of 2 items", e.getMessage());
            assertEquals(FIRST_PROPERTY_LINE, e.line());
            rejected("!Select [one, [a]]");
            rejected("!Select [-1, [a]]");
            rejected("!Select [0, notalist]");
        }

        @Test
        void splitKeepsEmptyPieces() {
            assertEquals(List.of("a", "b", ""), plain("!Split ['|', 'a|b|']"));
            rejected("!Split ['', abc]");
        }

        @Test
        void selectOverZonesIsSymbolic() {
            Value v = eval("!Select [0, !GetAZs '']");
            assertEquals(new Value.Symbolic("${Fn::GetAZs}[0]", v.span()), v);
        }

        @Test
        void length() {
            assertEquals(3L, plain("!Length [a, b, c]"));
            assertEquals(3L, plain("{'Fn::Length': !Ref Subnets}"));
            rejected("{'Fn::Length': abc}");
        }
    }

    @Nested
    class FindInMap {
        @Test
        void looksUpWithKnownRegionAndPointsAtTheCall() {
            Value v = eval("!FindInMap [RegionMap, !Ref AWS::Region, Ami]");
            assertEquals("ami-1", v.toPlain());
            assertEquals(FIRST_PROPERTY_LINE, v.span().line());
            Value zones = eval("!FindInMap [RegionMap, us-east-1, Zones]");
            assertEquals(List.of("za", "zb"), zones.toPlain());
            assertEquals(FIRST_PROPERTY_LINE, ((Value.Seq) zones).items().get(1).span().line());
        }

        @Test
        void unknownRegionGivesUnknown() {
            Value v = eval("!FindInMap [RegionMap, !Ref AWS::Region, Ami]", Inputs.NONE);
            assertEquals("AWS::Region is not known; pass --region", ((Value.Unknown) v).reason());
        }

        @Test
        void defaultValueWhenAnyKeyIsMissing() {
            assertEquals("ami-default", plain("!FindInMap [RegionMap, eu-west-9, Ami, {DefaultValue: ami-default}]"));
            assertEquals("d", plain("!FindInMap [NoSuchMap, x, y, {DefaultValue: d}]"));
            assertEquals("ami-1", plain("!FindInMap [RegionMap, us-east-1, Ami, {DefaultValue: d}]"));
        }

        @Test
        void missingKeyWithoutDefaultIsAnInputError() {
            InputException e = rejected("!FindInMap [RegionMap, us-east-1, Kernel]");
            assertTrue(e.getMessage().contains("Kernel"), e.getMessage());
            assertEquals(FIRST_PROPERTY_LINE, e.line());
            rejected("!FindInMap [RegionMap, us-east-1]");
            rejected("!FindInMap [RegionMap, us-east-1, Ami, {Fallback: x}]");
        }
    }

    @Nested
    class If {
        @Test
        void choosesTheBranchOfTheCondition() {
            assertEquals("first", plain("!If [IsDev, first, second]"));
            Inputs prod = new Inputs(Map.of("Env", "prod"), "us-east-1", null);
            assertEquals("second", eval("!If [IsDev, first, second]", prod).toPlain());
        }

        @Test
        void noValueBranchRemovesPropertyOrItem() {
            Value.Struct p = properties("""
                    Gone: !If [IsDev, !Ref AWS::NoValue, kept]
                    Kept: !If [IsDev, kept, !Ref AWS::NoValue]
                    List: [a, !If [IsDev, !Ref AWS::NoValue, b], c]
                    """, US_EAST_1);
            assertNull(p.field("Gone"));
            assertEquals("kept", p.get("Kept").toPlain());
            assertEquals(List.of("a", "c"), p.get("List").toPlain());
        }

        @Test
        void scenarioAssumptionDecidesAnUndeterminedCondition() {
            Template t = Templates.yaml(HEADER + "P: !If [IsFree, first, second]".indent(6));
            Resolver r = new Resolver(t, US_EAST_1);
            var node = t.resources().get("Thing").properties();
            assertEquals("first", ((Value.Struct) r.resolve(node, new Scenario(Map.of("IsFree", true)))).get("P").toPlain());
            assertEquals("second", ((Value.Struct) r.resolve(node, new Scenario(Map.of("IsFree", false)))).get("P").toPlain());
            assertInstanceOf(Value.Unknown.class, ((Value.Struct) r.resolve(node, Scenario.NONE)).get("P"));
        }

        @Test
        void undeclaredConditionIsAnInputError() {
            InputException e = rejected("!If [Nope, a, b]");
            assertEquals(FIRST_PROPERTY_LINE, e.line());
            rejected("!If [IsDev, a]");
        }
    }

    @Nested
    class Others {
        @Test
        void base64KeepsTheText() {
            assertEquals("#!/bin/bash\necho dev\n", plain("!Base64 {'Fn::Sub': \"#!/bin/bash\\necho ${Env}\\n\"}"));
        }

        @Test
        void importValueIsUnknownWithItsName() {
            assertEquals("imported value dev-VpcId",
                    ((Value.Unknown) eval("!ImportValue {'Fn::Sub': '${Env}-VpcId'}")).reason());
        }

        @Test
        void toJsonStringIsCompactInTemplateOrder() {
            assertEquals("{\"b\":1,\"a\":[true,\"x\",null],\"c\":\"dev\"}",
                    plain("{'Fn::ToJsonString': {b: 1, a: [true, x, null], c: !Ref Env}}"));
            Value sym = eval("{'Fn::ToJsonString': [!Ref Other]}");
            assertEquals(new Value.Symbolic("[\"${Other}\"]", sym.span()), sym);
            assertInstanceOf(Value.Unknown.class, eval("{'Fn::ToJsonString': [!Ref NoDefault]}"));
            rejected("{'Fn::ToJsonString': text}");
        }

        @Test
        void transformIsAnUnexpandedMacro() {
            assertEquals("macro AWS::Include not expanded",
                    ((Value.Unknown) eval("{'Fn::Transform': {Name: 'AWS::Include', Parameters: {Location: s3://x}}}")).reason());
        }

        @Test
        void cidrSubnetsOfIpv4AndIpv6Blocks() {
            // 10.0.0.0/16 split into /24s (8 host bits): the third octet counts up.
            assertEquals(List.of("10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"),
                    plain("!Cidr ['10.0.0.0/16', 4, 8]"));
            // 2001:db8:1234::/56 into /64s: the fourth group counts up.
            assertEquals(List.of("2001:db8:1234::/64", "2001:db8:1234:1::/64", "2001:db8:1234:2::/64"),
                    plain("!Cidr ['2001:db8:1234::/56', '3', '64']"));
            rejected("!Cidr ['10.0.0.0/24', 2, 8]");
            rejected("!Cidr ['10.0.0.0/33', 1, 8]");
            Value sym = eval("!Select [0, !Cidr [!GetAtt Other.CidrBlock, 2, 8]]");
            assertEquals("${Fn::Cidr(${Other.CidrBlock}, 2, 8)}[0]", sym.toPlain());
        }

        @Test
        void conditionFunctionsOutsideConditionsGiveBooleans() {
            assertEquals(true, plain("!Equals [a, a]"));
            assertEquals(false, plain("{'Fn::Not': [!Equals [!Ref Env, dev]]}"));
            assertInstanceOf(Value.Unknown.class, eval("!Equals [!Ref NoDefault, a]"));
        }

        @Test
        void conditionKeyAloneInPropertiesIsData() {
            Value v = eval("{Condition: {StringEquals: {k: v}}}");
            assertEquals(Map.of("Condition", Map.of("StringEquals", Map.of("k", "v"))), v.toPlain());
        }

        @Test
        void metadataAndNestedStructuresResolveToo() {
            Value.Struct p = properties("""
                    Tags:
                      - Key: env
                        Value: !Ref Env
                    """, US_EAST_1);
            Value.Struct tag = (Value.Struct) ((Value.Seq) p.get("Tags")).items().get(0);
            assertEquals("dev", tag.get("Value").toPlain());
            assertEquals(FIRST_PROPERTY_LINE + 1, tag.field("Key").keySpan().line());
            assertFalse(p.fields().isEmpty());
        }
    }
}
