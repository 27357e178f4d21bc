package dev.portcullis.checks.schema;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The compact schema files bundled under {@code dev/portcullis/schemas/}: their key names and the reader
 * that turns one into a {@link ResourceSchema}. A compact file is a CloudFormation resource schema cut down
 * to the draft-07 keywords validation uses, with the same names ({@code type}, {@code enum},
 * {@code properties}, {@code patternProperties}, {@code additionalProperties} (only when false),
 * {@code required}, {@code items}, {@code $ref}, {@code definitions}), plus cfn-lint's
 * {@code enumCaseInsensitive}, {@code typeName} and {@code readOnlyProperties}. Keeping the standard names
 * means a compact file still reads as a JSON Schema.
 */
public final class CompactSchemaFormat {

    /** Classpath folder of the bundled files. */
    public static final String RESOURCE_ROOT = "dev/portcullis/schemas/";
    /** Sorted resource type names, one a line. */
    public static final String INDEX_FILE = "index.txt";

    public static final String TYPE_NAME = "typeName";
    public static final String READ_ONLY = "readOnlyProperties";
    public static final String DEFINITIONS = "definitions";
    public static final String TYPE = "type";
    public static final String ENUM = "enum";
    public static final String ENUM_CASE_INSENSITIVE = "enumCaseInsensitive";
    public static final String PROPERTIES = "properties";
    public static final String PATTERN_PROPERTIES = "patternProperties";
    public static final String ADDITIONAL_PROPERTIES = "additionalProperties";
    public static final String REQUIRED = "required";
    public static final String ITEMS = "items";
    public static final String REF = "$ref";
    public static final String DEFINITION_REF_PREFIX = "#/definitions/";

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private CompactSchemaFormat() {
    }

    /** The file of a type inside {@link #RESOURCE_ROOT}: {@code AWS::S3::Bucket} is {@code AWS-S3-Bucket.json}. */
    public static String fileName(String typeName) {
        return typeName.replace("::", "-") + ".json";
    }

    public static ResourceSchema read(InputStream in) throws IOException {
        JsonNode root = MAPPER.readTree(in);
        Map<String, SchemaNode> definitions = new LinkedHashMap<>();
        root.path(DEFINITIONS).properties().forEach(e -> definitions.put(e.getKey(), node(e.getValue())));
        Set<String> readOnly = new HashSet<>();
        root.path(READ_ONLY).forEach(p -> readOnly.add(p.asText()));
        return new ResourceSchema(root.path(TYPE_NAME).asText(), node(root), definitions, readOnly);
    }

    private static SchemaNode node(JsonNode n) {
        if (!n.isObject()) {
            return SchemaNode.ANY;
        }
        JsonNode ref = n.get(REF);
        if (ref != null) {
            String target = ref.asText();
            return target.startsWith(DEFINITION_REF_PREFIX)
                    ? SchemaNode.reference(target.substring(DEFINITION_REF_PREFIX.length()))
                    : SchemaNode.ANY;
        }
        Map<String, SchemaNode> properties = new LinkedHashMap<>();
        n.path(PROPERTIES).properties().forEach(e -> properties.put(e.getKey(), node(e.getValue())));
        List<PatternProperty> patterns = new ArrayList<>();
        n.path(PATTERN_PROPERTIES).properties().forEach(e ->
                patterns.add(new PatternProperty(e.getKey(), compileOrNull(e.getKey()), node(e.getValue()))));
        JsonNode items = n.get(ITEMS);
        return new SchemaNode(
                types(n.get(TYPE)),
                texts(n.get(ENUM)),
                texts(n.get(ENUM_CASE_INSENSITIVE)),
                properties,
                patterns,
                n.path(ADDITIONAL_PROPERTIES).isBoolean() && !n.get(ADDITIONAL_PROPERTIES).booleanValue(),
                texts(n.get(REQUIRED)),
                items == null ? null : node(items),
                null);
    }

    /** An unknown type name widens to "any type": the schema data must never produce a false finding. */
    private static Set<JsonType> types(JsonNode type) {
        if (type == null) {
            return Set.of();
        }
        Set<JsonType> out = EnumSet.noneOf(JsonType.class);
        for (JsonNode t : type.isArray() ? type : List.of(type)) {
            JsonType parsed = JsonType.fromSchemaName(t.asText());
            if (parsed == null) {
                return Set.of();
            }
            out.add(parsed);
        }
        return out;
    }

    private static List<String> texts(JsonNode array) {
        if (array == null || !array.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(array.size());
        array.forEach(v -> out.add(v.isNull() ? "null" : v.asText()));
        return out;
    }

    private static Pattern compileOrNull(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }
}
