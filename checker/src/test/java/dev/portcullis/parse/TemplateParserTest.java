package dev.portcullis.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.portcullis.model.InputException;
import dev.portcullis.model.IntrinsicNode;
import dev.portcullis.model.MappingNode;
import dev.portcullis.model.Node;
import dev.portcullis.model.ScalarNode;
import dev.portcullis.model.SequenceNode;
import dev.portcullis.model.Span;
import dev.portcullis.model.Template;

/** The tree the parser builds: sections, intrinsics, scalar values and positions, for JSON and YAML. */
class TemplateParserTest {

    private final TemplateParser parser = new TemplateParser();

    @Test
    void aYamlFileOpeningWithAFlowMappingIsReadAsYaml() {
        byte[] flow = "{Resources: {Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: !Sub '${AWS::StackName}'}}}}\n"
                .getBytes(StandardCharsets.UTF_8);
        dev.portcullis.model.Template t = new TemplateParser().parse("flow.yaml", flow);
        assertEquals(dev.portcullis.model.Template.Format.YAML, t.format());
        assertEquals("AWS::SNS::Topic", t.resources().get("Topic").type());
        InputException asJson = assertThrows(InputException.class, () -> new TemplateParser().parse("flow.json", flow));
        assertEquals("flow.json", asJson.file());
    }

    @Test
    void yamlSectionsAndPositions() {
        Template t = parse("t.yaml", """
                AWSTemplateFormatVersion: 2010-09-09
                Transform: AWS::Serverless-2016-10-31
                Parameters:
                  Env:
                    Type: String
                    Default: prod
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Condition: IsProd
                    Properties:
                      BucketName: !Sub "${Env}-bucket"
                """);
        assertEquals(Template.Format.YAML, t.format());
        assertEquals(List.of("AWS::Serverless-2016-10-31"), t.transforms());
        assertTrue(t.isSam());
        assertEquals("prod", ((ScalarNode) t.parameters().get("Env").defaultValue()).value());
        assertEquals(new Span("t.yaml", 4, 3, 4, 6), t.parameters().get("Env").keySpan());
        var bucket = t.resources().get("Bucket");
        assertEquals("AWS::S3::Bucket", bucket.type());
        assertEquals("IsProd", bucket.condition());
        assertEquals(new Span("t.yaml", 8, 3, 8, 9), bucket.keySpan());
        MappingNode properties = (MappingNode) bucket.properties();
        MappingNode.Entry name = properties.entry("BucketName").orElseThrow();
        assertEquals(new Span("t.yaml", 12, 7, 12, 17), name.key().span());
        assertEquals(new Span("t.yaml", 12, 19, 12, 39), name.value().span());
        // A block mapping ends with its last value, not at the start of what follows it.
        assertEquals(new Span("t.yaml", 9, 5, 12, 39), bucket.node().span());
        assertEquals("2010-09-09", ((ScalarNode) t.root().get("AWSTemplateFormatVersion")).value());
    }

    @Test
    void jsonSectionsAndPositions() {
        Template t = parse("t.json", """
                {
                  "Transform": ["AWS::LanguageExtensions", {"Name": "AWS::Include", "Parameters": {}}],
                  "Resources": {
                    "Bucket": {
                      "Type": "AWS::S3::Bucket",
                      "Properties": {"BucketName": {"Ref": "Name"}, "Count": 3}
                    }
                  }
                }
                """);
        assertEquals(Template.Format.JSON, t.format());
        assertEquals(List.of("AWS::LanguageExtensions", "AWS::Include"), t.transforms());
        var bucket = t.resources().get("Bucket");
        assertEquals(new Span("t.json", 4, 5, 4, 13), bucket.keySpan());
        MappingNode properties = (MappingNode) bucket.properties();
        IntrinsicNode ref = assertInstanceOf(IntrinsicNode.class, properties.get("BucketName"));
        assertEquals("Ref", ref.function());
        assertEquals(new Span("t.json", 6, 36, 6, 51), ref.span());
        ScalarNode count = (ScalarNode) properties.get("Count");
        assertEquals(3L, count.value());
        assertFalse(count.quoted());
        assertEquals(new Span("t.json", 6, 62, 6, 63), count.span());
        assertEquals(new Span("t.json", 4, 15, 7, 6), bucket.node().span());
    }

    @Test
    void jsonScalarTypes() {
        MappingNode p = properties("t.json", """
                {"Resources": {"R": {"Type": "X", "Properties": {
                  "s": "80", "i": 80, "big": 123456789012345678901234567890, "f": 1.5, "e": 1e3,
                  "t": true, "n": null
                }}}}
                """);
        assertEquals("80", scalar(p, "s").value());
        assertTrue(scalar(p, "s").quoted());
        assertEquals(80L, scalar(p, "i").value());
        assertEquals(new BigInteger("123456789012345678901234567890"), scalar(p, "big").value());
        assertEquals(1.5, scalar(p, "f").value());
        assertEquals(1000.0, scalar(p, "e").value());
        assertEquals(Boolean.TRUE, scalar(p, "t").value());
        assertTrue(scalar(p, "n").isNull());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
            "yes | true", "No | false", "ON | true", "off | false", "True | true", "y | y", "n | n",
            "0755 | 493", "0x1F | 31", "0b101 | 5", "1_000 | 1000", "1:30 | 90", "-0 | 0", "+12 | 12", "09 | 09",
            "0o17 | 0o17", "1e3 | 1e3", "1.5e3 | 1.5e3", "1.5e+3 | 1500.0", "1. | 1.0", ".5 | 0.5", "-.inf | -Infinity",
            "2012-10-17 | 2012-10-17", "~ | null", "null | null", "NULL | null", "'yes' | yes", "\"0755\" | 0755",
            "= | =", "0b_ | 0b_", "hello | hello"})
    void yamlScalarsResolveAsYaml11(String yaml, String expected) {
        ScalarNode value = scalar(properties("t.yaml", "Resources:\n  R:\n    Type: X\n    Properties:\n      v: "
                + yaml + "\n"), "v");
        assertEquals(expected, String.valueOf(value.value()));
        assertEquals(yaml.startsWith("'") || yaml.startsWith("\""), value.quoted());
    }

    @Test
    void yamlNumberTypes() {
        MappingNode p = properties("t.yaml", "Resources:\n  R:\n    Type: X\n    Properties:\n"
                + "      l: 9223372036854775807\n      b: 9223372036854775808\n      d: 2.5\n      t: yes\n");
        assertInstanceOf(Long.class, scalar(p, "l").value());
        assertInstanceOf(BigInteger.class, scalar(p, "b").value());
        assertInstanceOf(Double.class, scalar(p, "d").value());
        assertInstanceOf(Boolean.class, scalar(p, "t").value());
    }

    @Test
    void keysKeepTheirSourceText() {
        MappingNode p = properties("t.yaml", "Resources:\n  R:\n    Type: X\n    Properties:\n"
                + "      80: a\n      true: b\n      0755: c\n      'q': d\n");
        assertEquals(List.of("80", "true", "0755", "q"), p.entries().stream().map(MappingNode.Entry::name).toList());
    }

    @Test
    void singleKeyFunctionMappingsBecomeIntrinsics() {
        MappingNode p = properties("t.yaml", """
                Resources:
                  R:
                    Type: X
                    Properties:
                      ref: {Ref: A}
                      sub: {Fn::Sub: x}
                      twoKeys: {Ref: A, Other: B}
                      notAFunction: {Fn::Unknown: x}
                      conditionCall: {Condition: IsProd}
                      conditionProperty: {Condition: {StringEquals: {a: b}}}
                      forEach: {Fn::ForEach::Loop: [x, [a], {}]}
                """);
        assertEquals("Ref", assertInstanceOf(IntrinsicNode.class, p.get("ref")).function());
        assertEquals("Fn::Sub", assertInstanceOf(IntrinsicNode.class, p.get("sub")).function());
        assertInstanceOf(MappingNode.class, p.get("twoKeys"));
        assertInstanceOf(MappingNode.class, p.get("notAFunction"));
        assertEquals("Condition", assertInstanceOf(IntrinsicNode.class, p.get("conditionCall")).function());
        assertInstanceOf(MappingNode.class, p.get("conditionProperty"));
        assertInstanceOf(MappingNode.class, p.get("forEach"));
    }

    @Test
    void forEachIsKeptInTheTreeButIsNotAResource() {
        Template t = parse("t.yaml", """
                Transform: AWS::LanguageExtensions
                Resources:
                  Fn::ForEach::Buckets:
                    - Name
                    - [a, b]
                    - Bucket${Name}:
                        Type: AWS::S3::Bucket
                  Queue:
                    Type: AWS::SQS::Queue
                """);
        assertEquals(List.of("Queue"), List.copyOf(t.resources().keySet()));
        assertInstanceOf(SequenceNode.class, t.section("Resources").get("Fn::ForEach::Buckets"));
    }

    @Test
    void aliasesShareTheAnchoredNode() {
        MappingNode p = properties("t.yaml", """
                Resources:
                  R:
                    Type: X
                    Properties:
                      a: &tags [{Key: k, Value: v}]
                      b: *tags
                """);
        assertSame(p.get("a"), p.get("b"));
    }

    @Test
    void mergeKeysFollowPyYaml() {
        MappingNode p = properties("t.yaml", """
                Resources:
                  R:
                    Type: X
                    Properties:
                      base: &base {k1: 1, k2: 2}
                      merged:
                        <<: *base
                        k2: 3
                      list:
                        <<: [{a: 1, b: 1}, {b: 2, c: 2}]
                """);
        assertEquals(Map.of("k1", 1L, "k2", 3L), p.get("merged").toPlain());
        assertEquals(List.of("k1", "k2"), ((MappingNode) p.get("merged")).entries().stream()
                .map(MappingNode.Entry::name).toList());
        assertEquals(Map.of("a", 1L, "b", 1L, "c", 2L), p.get("list").toPlain());
    }

    @Test
    void transformForms() {
        assertEquals(List.of("A"), parse("t.yaml", "Transform: A\nResources: {R: {Type: X}}\n").transforms());
        assertEquals(List.of("A", "B"), parse("t.yaml", "Transform: [A, B]\nResources: {R: {Type: X}}\n").transforms());
        assertEquals(List.of("C"), parse("t.yaml", "Transform: {Name: C, Parameters: {}}\nResources: {R: {Type: X}}\n")
                .transforms());
        assertEquals(List.of(), parse("t.yaml", "Resources: {R: {Type: X}}\n").transforms());
        InputException e = assertThrows(InputException.class,
                () -> parse("t.yaml", "Transform: [1]\nResources: {R: {Type: X}}\n"));
        assertEquals(1, e.line());
    }

    @Test
    void formatIsChosenByContent() {
        assertEquals(Template.Format.JSON, parse("t.yaml", "  {\"Resources\": {\"R\": {\"Type\": \"X\"}}}").format());
        assertEquals(Template.Format.YAML, parse("t.json", "Resources: {R: {Type: X}}").format());
    }

    @Test
    void inMemoryAndFileParsingAgree() throws Exception {
        var file = TestData.awsTemplates().resolve("S3/compliant-bucket.yaml");
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        assertEquals(parser.parse(file, "x.yaml").root(), parser.parse("x.yaml", bytes).root());
    }

    @Test
    void aTemplateOfAThousandResources() {
        StringBuilder yaml = new StringBuilder("Resources:\n");
        for (int i = 0; i < 1_000; i++) {
            yaml.append("  Bucket").append(i).append(":\n    Type: AWS::S3::Bucket\n");
        }
        Template t = parse("big.yaml", yaml.toString());
        assertEquals(1_000, t.resources().size());
        assertEquals(2 * 999 + 2, t.resources().get("Bucket999").keySpan().line());
    }

    @Test
    void nothingIsMutable() {
        Template t = parse("t.yaml", "Resources:\n  R:\n    Type: X\n    Properties: {A: [1]}\n");
        MappingNode p = (MappingNode) t.resources().get("R").properties();
        assertThrows(UnsupportedOperationException.class, () -> p.entries().clear());
        assertThrows(UnsupportedOperationException.class, () -> ((SequenceNode) p.get("A")).items().clear());
        assertThrows(UnsupportedOperationException.class, () -> t.resources().clear());
    }

    private Template parse(String name, String text) {
        return parser.parse(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private MappingNode properties(String name, String text) {
        Node properties = parse(name, text).resources().get("R").properties();
        return (MappingNode) properties;
    }

    private static ScalarNode scalar(MappingNode mapping, String key) {
        return (ScalarNode) mapping.get(key);
    }
}
