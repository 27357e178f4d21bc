package dev.portcullis.checks.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The compaction rules on small hand-written schemas; the output is read back as the product reads it. */
class SchemaCompactorTest {

    private static JsonNode json(String text) throws IOException {
        return JsonMapper.builder().build().readTree(text.replace('\'', '"'));
    }

    private static String compact(String schema) throws IOException {
        return SchemaCompactor.compactResource(json(schema)).toString().replace('"', '\'');
    }

    private static ResourceSchema roundTrip(String schema) throws IOException {
        String compact = SchemaCompactor.compactResource(json(schema)).toString();
        return CompactSchemaFormat.read(new ByteArrayInputStream(compact.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void keepsOnlyValidationKeywordsAndReachableDefinitions() throws IOException {
        String schema = "{'typeName':'AWS::X::Y','$schema':'x','handlers':{},'primaryIdentifier':['/properties/Id'],"
                + "'additionalProperties':false,'required':['A'],"
                + "'properties':{'A':{'type':'string','maxLength':5,'pattern':'^a','enum':['a','b']},"
                + "'B':{'$ref':'#/definitions/Used','insertionOrder':false}},"
                + "'definitions':{'Used':{'type':'object','additionalProperties':false,"
                + "'properties':{'C':{'type':'array','items':{'$ref':'#/definitions/Deep'}}}},"
                + "'Deep':{'type':'integer','minimum':1},'Unused':{'type':'string'}}}";
        assertEquals("{'typeName':'AWS::X::Y','properties':{'A':{'type':'string','enum':['a','b']},"
                + "'B':{'$ref':'#/definitions/Used'}},'additionalProperties':false,'required':['A'],"
                + "'definitions':{'Used':{'type':'object','properties':{'C':{'type':'array',"
                + "'items':{'$ref':'#/definitions/Deep'}}},'additionalProperties':false},"
                + "'Deep':{'type':'integer'}}}", compact(schema));
    }

    @Test
    void readOnlyTopLevelPropertiesLeaveThePropertyListButStayListed() throws IOException {
        ResourceSchema s = roundTrip("{'typeName':'AWS::X::Y','additionalProperties':false,"
                + "'properties':{'Arn':{'type':'string'},'Name':{'type':'string'},"
                + "'Sub':{'type':'object','properties':{'Id':{'type':'string'}}}},"
                + "'readOnlyProperties':['/properties/Arn','/properties/Sub/Id']}");
        assertEquals(Set.of("Name", "Sub"), s.properties().properties().keySet());
        assertEquals(Set.of("/properties/Arn", "/properties/Sub/Id"), s.readOnlyPaths());
        assertEquals(Set.of("Id"), s.properties().properties().get("Sub").properties().keySet());
    }

    @Test
    void closedAlternativesPoolTheirPropertiesAndKeepOnlyCommonRequiredNames() throws IOException {
        ResourceSchema s = roundTrip("{'typeName':'AWS::X::Y','properties':{'Config':{'oneOf':["
                + "{'type':'object','additionalProperties':false,'required':['Kind','A'],"
                + "'properties':{'Kind':{'type':'string'},'A':{'type':'string'}}},"
                + "{'type':'object','additionalProperties':false,'required':['Kind','B'],"
                + "'properties':{'Kind':{'type':'string'},'B':{'type':'integer'}}}]}}}");
        SchemaNode config = s.properties().properties().get("Config");
        assertEquals(Set.of("Kind", "A", "B"), config.properties().keySet());
        assertEquals(List.of("Kind"), config.required());
        assertEquals(true, config.closed());
        assertEquals(Set.of(JsonType.OBJECT), config.types());
        assertEquals(Set.of(JsonType.INTEGER), config.properties().get("B").types());
    }

    @Test
    void openAlternativesAddNoPropertiesAndNothingClosed() throws IOException {
        ResourceSchema s = roundTrip("{'typeName':'AWS::X::Y','properties':{'Config':{'type':'object',"
                + "'anyOf':[{'properties':{'A':{'type':'string'}},'required':['A']},{'required':['B']}]}}}");
        SchemaNode config = s.properties().properties().get("Config");
        assertEquals(Map.of(), config.properties());
        assertEquals(List.of(), config.required());
        assertEquals(false, config.closed());
    }

    @Test
    void aPropertyTheAlternativesDescribeDifferentlyAcceptsAnything() throws IOException {
        ResourceSchema s = roundTrip("{'typeName':'AWS::X::Y','properties':{'C':{'oneOf':["
                + "{'additionalProperties':false,'properties':{'V':{'type':'string'}}},"
                + "{'additionalProperties':false,'properties':{'V':{'type':'integer'}}}]}}}");
        assertEquals(SchemaNode.ANY, s.properties().properties().get("C").properties().get("V"));
    }

    @Test
    void alternativeTypesAndEnumsUnite() throws IOException {
        ResourceSchema s = roundTrip("{'typeName':'AWS::X::Y','properties':{'C':{'anyOf':["
                + "{'type':'string','enum':['a']},{'type':'integer','enum':[1]}]},"
                + "'D':{'anyOf':[{'type':'string'},{'format':'uri'}]}}}");
        SchemaNode c = s.properties().properties().get("C");
        assertEquals(Set.of(JsonType.STRING, JsonType.INTEGER), c.types());
        assertEquals(List.of("a", "1"), c.allowed());
        assertEquals(Set.of(), s.properties().properties().get("D").types());
    }

    @Test
    void requiredAlternativesAtTheTopKeepTheirCommonPart() throws IOException {
        ResourceSchema s = roundTrip("{'typeName':'AWS::X::Y','required':['A'],'properties':{'A':{},'B':{},'C':{}},"
                + "'oneOf':[{'required':['B','C']},{'required':['B']}],'allOf':[{'required':['C']}]}");
        assertEquals(List.of("A", "C", "B"), s.properties().required());
    }

    @Test
    void propertyRefsAreInlinedAndLoneAllOfRefsBecomeTheRef() throws IOException {
        ResourceSchema s = roundTrip("{'typeName':'AWS::X::Y','properties':{'Arn':{'type':'string'},"
                + "'Other':{'$ref':'#/properties/Arn'},'Mode':{'allOf':[{'$ref':'#/definitions/Mode'},{'default':'a'}]}},"
                + "'definitions':{'Mode':{'type':'string','enum':['a','b']}}}");
        assertEquals(Set.of(JsonType.STRING), s.properties().properties().get("Other").types());
        SchemaNode mode = s.resolve(s.properties().properties().get("Mode"));
        assertEquals(List.of("a", "b"), mode.allowed());
    }

    @Test
    void uncompilablePatternsMatchEveryName() throws IOException {
        ResourceSchema s = roundTrip("{'typeName':'AWS::X::Y','properties':{'M':{'type':'object',"
                + "'additionalProperties':false,'patternProperties':{'[unclosed':{'type':'string'},"
                + "'^x-':{'type':'integer'}}}}}");
        SchemaNode m = s.properties().properties().get("M");
        assertEquals(Set.of(JsonType.STRING), m.patternSchema("x-1").types());
        assertEquals(2, m.patternProperties().size());
        assertEquals(null, m.patternProperties().get(0).pattern());
    }
}
