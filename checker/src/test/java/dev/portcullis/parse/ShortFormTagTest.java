package dev.portcullis.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.portcullis.model.InputException;
import dev.portcullis.model.IntrinsicNode;
import dev.portcullis.model.Node;
import dev.portcullis.model.ScalarNode;
import dev.portcullis.model.SequenceNode;
import dev.portcullis.model.Span;

/** Each YAML short-form tag becomes the same {@link IntrinsicNode} its long form gives. */
class ShortFormTagTest {

    private final TemplateParser parser = new TemplateParser();

    static Stream<Arguments> tags() {
        return Stream.of(
                Arguments.of("!Ref Env", Map.of("Ref", "Env")),
                Arguments.of("!Condition IsProd", Map.of("Condition", "IsProd")),
                Arguments.of("!Sub '${AWS::StackName}-x'", Map.of("Fn::Sub", "${AWS::StackName}-x")),
                Arguments.of("!Sub ['${a}', {a: !Ref Env}]",
                        Map.of("Fn::Sub", List.of("${a}", Map.of("a", Map.of("Ref", "Env"))))),
                Arguments.of("!GetAtt Bucket.Arn", Map.of("Fn::GetAtt", List.of("Bucket", "Arn"))),
                Arguments.of("!GetAtt Stack.Outputs.Url", Map.of("Fn::GetAtt", List.of("Stack", "Outputs.Url"))),
                Arguments.of("!GetAtt Bucket", Map.of("Fn::GetAtt", List.of("Bucket"))),
                Arguments.of("!GetAtt [Bucket, Arn]", Map.of("Fn::GetAtt", List.of("Bucket", "Arn"))),
                Arguments.of("!If [IsProd, a, b]", Map.of("Fn::If", List.of("IsProd", "a", "b"))),
                Arguments.of("!Join [',', [a, b]]", Map.of("Fn::Join", List.of(",", List.of("a", "b")))),
                Arguments.of("!Select [0, [a, b]]", Map.of("Fn::Select", List.of(0L, List.of("a", "b")))),
                Arguments.of("!Split [',', 'a,b']", Map.of("Fn::Split", List.of(",", "a,b"))),
                Arguments.of("!FindInMap [M, k1, k2]", Map.of("Fn::FindInMap", List.of("M", "k1", "k2"))),
                Arguments.of("!GetAZs ''", Map.of("Fn::GetAZs", "")),
                Arguments.of("!GetAZs", Map.of("Fn::GetAZs", "")),
                Arguments.of("!ImportValue Shared", Map.of("Fn::ImportValue", "Shared")),
                Arguments.of("!Base64 text", Map.of("Fn::Base64", "text")),
                Arguments.of("!Cidr [10.0.0.0/16, 6, 5]", Map.of("Fn::Cidr", List.of("10.0.0.0/16", 6L, 5L))),
                Arguments.of("!Equals [a, b]", Map.of("Fn::Equals", List.of("a", "b"))),
                Arguments.of("!And [x, y]", Map.of("Fn::And", List.of("x", "y"))),
                Arguments.of("!Or [x, y]", Map.of("Fn::Or", List.of("x", "y"))),
                Arguments.of("!Not [x]", Map.of("Fn::Not", List.of("x"))),
                Arguments.of("!Transform {Name: AWS::Include}", Map.of("Fn::Transform", Map.of("Name", "AWS::Include"))),
                Arguments.of("!Length [a, b]", Map.of("Fn::Length", List.of("a", "b"))),
                Arguments.of("!ToJsonString {a: 1}", Map.of("Fn::ToJsonString", Map.of("a", 1L))),
                Arguments.of("!Contains [[a], a]", Map.of("Fn::Contains", List.of(List.of("a"), "a"))),
                Arguments.of("!EachMemberEquals [x, y]", Map.of("Fn::EachMemberEquals", List.of("x", "y"))),
                Arguments.of("!EachMemberIn [x, y]", Map.of("Fn::EachMemberIn", List.of("x", "y"))),
                Arguments.of("!RefAll AWS::EC2::VPC::Id", Map.of("Fn::RefAll", "AWS::EC2::VPC::Id")),
                Arguments.of("!ValueOf [Env, Tags]", Map.of("Fn::ValueOf", List.of("Env", "Tags"))),
                Arguments.of("!ValueOfAll [AWS::EC2::VPC::Id, Tags]",
                        Map.of("Fn::ValueOfAll", List.of("AWS::EC2::VPC::Id", "Tags"))));
    }

    @ParameterizedTest
    @MethodSource("tags")
    void shortFormGivesTheLongForm(String yaml, Map<String, Object> longForm) {
        Node value = property(yaml);
        IntrinsicNode call = assertInstanceOf(IntrinsicNode.class, value);
        assertEquals(longForm.keySet().iterator().next(), call.function());
        assertEquals(longForm, call.toPlain());
    }

    @Test
    void everyFunctionHasAShortFormTag() {
        List<String> covered = tags().map(a -> ((Map<?, ?>) a.get()[1]).keySet().iterator().next().toString())
                .distinct().sorted().toList();
        assertEquals(IntrinsicNode.FUNCTIONS.stream().sorted().toList(), covered);
    }

    @Test
    void shortAndLongFormGiveEqualTrees() {
        String shortForm = "Resources:\n  R:\n    Type: X\n    Properties:\n"
                + "      A: !Join ['', [!Ref Env, !GetAtt B.Arn, !Sub 'x']]\n";
        String longForm = "Resources:\n  R:\n    Type: X\n    Properties:\n"
                + "      A: {Fn::Join: ['', [{Ref: Env}, {Fn::GetAtt: [B, Arn]}, {Fn::Sub: x}]]}\n";
        assertEquals(parse("long.yaml", longForm).toPlain(), parse("short.yaml", shortForm).toPlain());
    }

    @Test
    void scalarArgumentIsAStringEvenWhenItLooksLikeANumber() {
        IntrinsicNode call = (IntrinsicNode) property("!Sub 123");
        ScalarNode argument = assertInstanceOf(ScalarNode.class, call.argument());
        assertEquals("123", argument.value());
    }

    @Test
    void getAttPartsPointAtTheirText() {
        IntrinsicNode call = (IntrinsicNode) property("!GetAtt Bucket.Arn");
        assertEquals(new Span("t.yaml", 5, 10, 5, 28), call.span());
        SequenceNode parts = (SequenceNode) call.argument();
        assertEquals(new Span("t.yaml", 5, 18, 5, 24), parts.get(0).span());
        assertEquals(new Span("t.yaml", 5, 25, 5, 28), parts.get(1).span());
    }

    @Test
    void unknownTagsAreErrors() {
        for (String tag : List.of("!Foo x", "!Rain::Embed file.sh", "!Fn::Sub x", "!!binary aGVsbG8=", "!!set {a}")) {
            InputException e = assertThrows(InputException.class, () -> property(tag));
            assertEquals(5, e.line(), tag);
        }
    }

    /** The node of property {@code A} of resource {@code R}, written on line 5. */
    private Node property(String yaml) {
        String text = "Resources:\n  R:\n    Type: X\n    Properties:\n      A: " + yaml + "\n";
        return ((dev.portcullis.model.MappingNode) parse("t.yaml", text)).get("A");
    }

    private Node parse(String name, String text) {
        return parser.parse(name, text.getBytes(StandardCharsets.UTF_8)).resources().get("R").properties();
    }
}
