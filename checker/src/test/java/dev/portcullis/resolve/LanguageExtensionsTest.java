package dev.portcullis.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.portcullis.model.InputException;
import dev.portcullis.model.MappingNode;
import dev.portcullis.model.Resource;
import dev.portcullis.model.Template;

/** Fn::ForEach expansion on the corpus samples and on edge cases. */
class LanguageExtensionsTest {

    private static Value resolve(Template t, Resource r, String property) {
        Value.Struct props = (Value.Struct) new Resolver(t, Inputs.NONE).resolve(r.properties(), Scenario.NONE);
        return props.get(property);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fn-foreach-ddb.yaml", "fn-foreach-ddb.json"})
    void tablesLoopMakesOneTablePerName(String file) {
        Template original = Templates.corpus("CloudFormation/" + file);
        assertTrue(original.resources().isEmpty(), "the parser leaves loops to the expansion");
        Expansion e = LanguageExtensions.expand(original, Inputs.NONE);
        assertEquals(List.of(), e.notes());
        Template t = e.template();
        assertEquals(List.of("DynamoDBPoints", "DynamoDBScore", "DynamoDBName", "DynamoDBLeaderboard"),
                new ArrayList<>(t.resources().keySet()));
        for (String name : List.of("Points", "Score", "Name", "Leaderboard")) {
            Resource table = t.resources().get("DynamoDB" + name);
            assertEquals("AWS::DynamoDB::Table", table.type());
            assertEquals(name, resolve(t, table, "TableName").toPlain());
        }
        if (file.endsWith(".yaml")) {
            Resource points = t.resources().get("DynamoDBPoints");
            assertEquals(14, points.keySpan().line(), "the generated resource points at the loop's output key");
            assertEquals(17, resolve(t, points, "TableName").span().line(), "values point at the loop body");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fn-foreach-s3-outputs.yaml", "fn-foreach-s3-outputs.json"})
    void bucketsAndNestedOutputLoops(String file) {
        Expansion e = LanguageExtensions.expand(Templates.corpus("CloudFormation/" + file), Inputs.NONE);
        Template t = e.template();
        assertEquals(List.of("S3BucketA", "S3BucketB", "S3BucketC"), new ArrayList<>(t.resources().keySet()));
        MappingNode outputs = t.outputs();
        assertEquals(List.of("S3BucketAArn", "S3BucketBArn", "S3BucketCArn"),
                outputs.entries().stream().map(MappingNode.Entry::name).toList());
        Resolver r = new Resolver(t, Inputs.NONE);
        Value arn = r.resolve(outputs.mapping("S3BucketBArn").get("Value"), Scenario.NONE);
        assertEquals(new Value.Symbolic("${S3BucketB.Arn}", arn.span()), arn);
    }

    @Test
    void collectionFromAListParameterAndAmpersandStripping() {
        Template t = LanguageExtensions.expand(Templates.yaml("""
                Transform: AWS::LanguageExtensions
                Parameters:
                  Names: {Type: CommaDelimitedList, Default: "app-one,app_two"}
                Resources:
                  Fn::ForEach::Queues:
                    - Name
                    - !Ref Names
                    - Queue&{Name}:
                        Type: AWS::SQS::Queue
                        Properties:
                          QueueName: !Sub '${Name}-queue'
                          Plain: prefix-${Name}
                """), Inputs.NONE).template();
        assertEquals(List.of("Queueappone", "Queueapptwo"), new ArrayList<>(t.resources().keySet()));
        assertEquals("app-one-queue", resolve(t, t.resources().get("Queueappone"), "QueueName").toPlain());
        assertEquals("prefix-app_two", resolve(t, t.resources().get("Queueapptwo"), "Plain").toPlain());
    }

    @Test
    void suppliedParameterDrivesTheCollection() {
        String yaml = """
                Transform: AWS::LanguageExtensions
                Parameters:
                  Names: {Type: CommaDelimitedList}
                Resources:
                  Fn::ForEach::Topics:
                    - Name
                    - !Ref Names
                    - Topic${Name}:
                        Type: AWS::SNS::Topic
                  Kept:
                    Type: AWS::SNS::Topic
                """;
        Expansion unknown = LanguageExtensions.expand(Templates.yaml(yaml), Inputs.NONE);
        assertEquals(List.of("Kept"), new ArrayList<>(unknown.template().resources().keySet()));
        assertEquals(1, unknown.notes().size());
        assertEquals(5, unknown.notes().get(0).span().line());
        assertEquals("Fn::ForEach::Topics was not expanded: its collection is not known"
                + " (parameter Names has no default)", unknown.notes().get(0).message());

        Expansion known = LanguageExtensions.expand(Templates.yaml(yaml), new Inputs(Map.of("Names", "A,B"), null, null));
        assertEquals(List.of("TopicA", "TopicB", "Kept"), new ArrayList<>(known.template().resources().keySet()));
        assertEquals(List.of(), known.notes());
    }

    @Test
    void conditionsLoopsAndFindInMapCollections() {
        Template t = LanguageExtensions.expand(Templates.yaml("""
                Transform: AWS::LanguageExtensions
                Parameters:
                  Stage: {Type: String, Default: prod}
                Mappings:
                  Envs:
                    All:
                      Names: [dev, prod]
                Conditions:
                  Fn::ForEach::Stages:
                    - Env
                    - !FindInMap [Envs, All, Names]
                    - Is${Env}: !Equals [!Ref Stage, !Ref Env]
                Resources:
                  Thing:
                    Type: AWS::SNS::Topic
                    Properties:
                      TopicName: !If [Isprod, p, d]
                """), Inputs.NONE).template();
        assertEquals(List.of("Isdev", "Isprod"), t.conditions().entries().stream().map(MappingNode.Entry::name).toList());
        assertEquals("p", resolve(t, t.resources().get("Thing"), "TopicName").toPlain());
    }

    @Test
    void malformedLoopsAndCollisionsAreInputErrors() {
        assertThrows(InputException.class, () -> LanguageExtensions.expand(Templates.yaml("""
                Transform: AWS::LanguageExtensions
                Resources:
                  Fn::ForEach::Bad:
                    - Name
                    - [a]
                """), Inputs.NONE));
        InputException duplicate = assertThrows(InputException.class, () -> LanguageExtensions.expand(Templates.yaml("""
                Transform: AWS::LanguageExtensions
                Resources:
                  Fn::ForEach::Dup:
                    - Name
                    - [a, a]
                    - Topic${Name}:
                        Type: AWS::SNS::Topic
                """), Inputs.NONE));
        assertEquals(6, duplicate.line());
        InputException invalid = assertThrows(InputException.class, () -> LanguageExtensions.expand(Templates.yaml("""
                Transform: AWS::LanguageExtensions
                Resources:
                  Fn::ForEach::Dash:
                    - Name
                    - [a-b]
                    - Topic${Name}:
                        Type: AWS::SNS::Topic
                """), Inputs.NONE));
        assertTrue(invalid.getMessage().contains("&{Identifier}"), invalid.getMessage());
    }

    @Test
    void loopWithoutTheTransformIsLeftWithANote() {
        Template t = Templates.yaml("""
                Resources:
                  Fn::ForEach::Topics:
                    - Name
                    - [A]
                    - Topic${Name}:
                        Type: AWS::SNS::Topic
                """);
        Expansion e = LanguageExtensions.expand(t, Inputs.NONE);
        assertSame(t, e.template());
        assertEquals(1, e.notes().size());
        assertTrue(e.notes().get(0).message().contains("needs 'Transform: AWS::LanguageExtensions'"),
                e.notes().get(0).message());
    }

    @Test
    void templateWithoutLoopsIsReturnedAsIs() {
        Template t = Templates.yaml("""
                Transform: AWS::LanguageExtensions
                Resources:
                  Topic: {Type: AWS::SNS::Topic}
                """);
        Expansion e = LanguageExtensions.expand(t, Inputs.NONE);
        assertSame(t, e.template());
        assertFalse(e.template().resources().isEmpty());
    }
}
