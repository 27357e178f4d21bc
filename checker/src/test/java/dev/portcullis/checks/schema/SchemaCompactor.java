package dev.portcullis.checks.schema;

import static dev.portcullis.checks.schema.CompactSchemaFormat.ADDITIONAL_PROPERTIES;
import static dev.portcullis.checks.schema.CompactSchemaFormat.DEFINITIONS;
import static dev.portcullis.checks.schema.CompactSchemaFormat.DEFINITION_REF_PREFIX;
import static dev.portcullis.checks.schema.CompactSchemaFormat.ENUM;
import static dev.portcullis.checks.schema.CompactSchemaFormat.ENUM_CASE_INSENSITIVE;
import static dev.portcullis.checks.schema.CompactSchemaFormat.INDEX_FILE;
import static dev.portcullis.checks.schema.CompactSchemaFormat.ITEMS;
import static dev.portcullis.checks.schema.CompactSchemaFormat.PATTERN_PROPERTIES;
import static dev.portcullis.checks.schema.CompactSchemaFormat.PROPERTIES;
import static dev.portcullis.checks.schema.CompactSchemaFormat.READ_ONLY;
import static dev.portcullis.checks.schema.CompactSchemaFormat.REF;
import static dev.portcullis.checks.schema.CompactSchemaFormat.REQUIRED;
import static dev.portcullis.checks.schema.CompactSchemaFormat.TYPE;
import static dev.portcullis.checks.schema.CompactSchemaFormat.TYPE_NAME;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Generates the bundled compact schemas from the CloudFormation resource provider schemas, so the product
 * never needs the originals at run time. Run it after updating {@code ../shared/cfn-schemas}:
 * <pre>
 * java ... dev.portcullis.checks.schema.SchemaCompactor ../shared/cfn-schemas/us-east-1 \
 *      checker/src/main/resources/dev/portcullis/schemas
 * </pre>
 * {@link SchemaResourcesAreCurrentTest} fails when the committed files differ from what this produces.
 *
 * <p>Only the keywords {@link CompactSchemaFormat} lists survive. {@code oneOf}/{@code anyOf}/{@code allOf}
 * are folded into their parent where that is sound: a property required by every alternative is required;
 * when every alternative is a closed object their properties are pooled (a name no alternative allows is
 * unknown); when every alternative has a type (or an enum), the union of them is the type (or enum). Anything else about the
 * alternatives is dropped, which can only make validation more lenient. {@code $ref}s to
 * {@code #/properties/...} are inlined, unreferenced definitions are dropped, and top-level read-only
 * properties are taken out of {@code properties} (they stay listed under {@code readOnlyProperties}).
 */
public final class SchemaCompactor {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PROPERTY_REF_PREFIX = "#/properties/";
    private static final String READ_ONLY_PREFIX = "/properties/";

    private SchemaCompactor() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SchemaCompactor <cfn-schemas/us-east-1 dir> <output dir>");
            System.exit(2);
        }
        SortedMap<String, String> files = compactAll(Path.of(args[0]));
        write(files, Path.of(args[1]));
        System.out.println("wrote " + files.size() + " files to " + args[1]);
    }

    /** Every output file by name: one per type plus the index, contents ending in a newline. */
    static SortedMap<String, String> compactAll(Path sourceDir) throws IOException {
        List<Path> sources;
        try (Stream<Path> list = Files.list(sourceDir)) {
            sources = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        SortedMap<String, String> files = new TreeMap<>();
        Set<String> typeNames = new java.util.TreeSet<>();
        for (Path source : sources) {
            JsonNode schema = MAPPER.readTree(source.toFile());
            String typeName = schema.path(TYPE_NAME).asText();
            if (typeName.isEmpty()) {
                throw new IOException(source + " has no typeName");
            }
            typeNames.add(typeName);
            files.put(CompactSchemaFormat.fileName(typeName), MAPPER.writeValueAsString(compactResource(schema)) + "\n");
        }
        files.put(INDEX_FILE, String.join("\n", typeNames) + "\n");
        return files;
    }

    /** Replaces the generated files in {@code outDir} with {@code files}. */
    static void write(SortedMap<String, String> files, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        try (Stream<Path> existing = Files.list(outDir)) {
            for (Path p : existing.toList()) {
                String name = p.getFileName().toString();
                if ((name.endsWith(".json") || name.equals(INDEX_FILE)) && !files.containsKey(name)) {
                    Files.delete(p);
                }
            }
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            Files.writeString(outDir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
    }

    static ObjectNode compactResource(JsonNode schema) {
        Resource resource = new Resource(schema);
        ObjectNode out = NODES.objectNode();
        out.put(TYPE_NAME, schema.path(TYPE_NAME).asText());

        ObjectNode root = resource.node(schema);
        Set<String> readOnlyTop = new HashSet<>();
        ArrayNode readOnly = NODES.arrayNode();
        for (JsonNode p : schema.path(READ_ONLY)) {
            String pointer = p.asText();
            readOnly.add(pointer);
            if (pointer.startsWith(READ_ONLY_PREFIX) && pointer.indexOf('/', READ_ONLY_PREFIX.length()) < 0) {
                readOnlyTop.add(pointer.substring(READ_ONLY_PREFIX.length()));
            }
        }
        if (root.get(PROPERTIES) instanceof ObjectNode props) {
            props.remove(readOnlyTop);
        }
        if (root.get(REQUIRED) instanceof ArrayNode required) {
            ArrayNode kept = NODES.arrayNode();
            required.forEach(r -> {
                if (!readOnlyTop.contains(r.asText())) {
                    kept.add(r);
                }
            });
            root.set(REQUIRED, kept);
        }
        out.setAll(root);
        if (!readOnly.isEmpty()) {
            out.set(READ_ONLY, readOnly);
        }

        Map<String, ObjectNode> definitions = new LinkedHashMap<>();
        schema.path(DEFINITIONS).properties().forEach(e -> definitions.put(e.getKey(), resource.node(e.getValue())));
        Set<String> reachable = reachableDefinitions(root, definitions);
        ObjectNode kept = NODES.objectNode();
        definitions.forEach((name, node) -> {
            if (reachable.contains(name)) {
                kept.set(name, node);
            }
        });
        if (!kept.isEmpty()) {
            out.set(DEFINITIONS, kept);
        }
        return out;
    }

    private static Set<String> reachableDefinitions(JsonNode root, Map<String, ObjectNode> definitions) {
        Set<String> seen = new HashSet<>();
        Deque<JsonNode> work = new ArrayDeque<>();
        work.push(root);
        while (!work.isEmpty()) {
            JsonNode n = work.pop();
            if (n.isObject() && n.get(REF) != null && n.get(REF).isTextual()) {
                String ref = n.get(REF).asText();
                if (ref.startsWith(DEFINITION_REF_PREFIX)) {
                    String name = ref.substring(DEFINITION_REF_PREFIX.length());
                    if (seen.add(name) && definitions.containsKey(name)) {
                        work.push(definitions.get(name));
                    }
                }
            }
            n.forEach(work::push);
        }
        return seen;
    }

    /** Compaction of one source schema: {@code #/properties/...} refs are resolved against it. */
    private static final class Resource {
        private final JsonNode source;
        private final Set<String> inlining = new HashSet<>();

        Resource(JsonNode source) {
            this.source = source;
        }

        ObjectNode node(JsonNode src) {
            ObjectNode out = NODES.objectNode();
            if (!src.isObject()) {
                return out;
            }
            JsonNode ref = src.get(REF);
            if (ref != null) {
                return reference(ref.asText());
            }
            JsonNode type = src.get(TYPE);
            if (type != null && (type.isTextual() || type.isArray())) {
                out.set(TYPE, type.deepCopy());
            }
            copyArray(src, ENUM, out);
            copyArray(src, ENUM_CASE_INSENSITIVE, out);
            schemaMap(src, PROPERTIES, out);
            schemaMap(src, PATTERN_PROPERTIES, out);
            JsonNode additional = src.get(ADDITIONAL_PROPERTIES);
            if (additional != null && additional.isBoolean() && !additional.booleanValue()) {
                out.put(ADDITIONAL_PROPERTIES, false);
            }
            if (src.get(REQUIRED) instanceof ArrayNode required) {
                addRequired(out, texts(required));
            }
            JsonNode items = src.get(ITEMS);
            if (items != null && items.isObject()) {
                out.set(ITEMS, node(items));
            }
            if (src.get("allOf") instanceof ArrayNode all) {
                foldAll(out, variants(all));
            }
            for (String keyword : List.of("oneOf", "anyOf")) {
                if (src.get(keyword) instanceof ArrayNode alternatives) {
                    foldAlternatives(out, variants(alternatives));
                }
            }
            return out;
        }

        private ObjectNode reference(String ref) {
            ObjectNode out = NODES.objectNode();
            if (ref.startsWith(DEFINITION_REF_PREFIX)) {
                out.put(REF, ref);
            } else if (ref.startsWith(PROPERTY_REF_PREFIX)) {
                String name = ref.substring(PROPERTY_REF_PREFIX.length());
                JsonNode target = source.path(PROPERTIES).get(name);
                if (target != null && inlining.add(name)) {
                    out = node(target);
                    inlining.remove(name);
                }
            }
            return out;
        }

        private List<ObjectNode> variants(ArrayNode array) {
            List<ObjectNode> out = new ArrayList<>();
            array.forEach(v -> out.add(node(v)));
            return out;
        }

        private void schemaMap(JsonNode src, String keyword, ObjectNode out) {
            if (src.get(keyword) instanceof ObjectNode map) {
                ObjectNode compacted = NODES.objectNode();
                map.properties().forEach(e -> compacted.set(e.getKey(), node(e.getValue())));
                out.set(keyword, compacted);
            }
        }
    }

    /** allOf: every branch holds, so required names add up; a lone {@code $ref} branch stands for the whole. */
    private static void foldAll(ObjectNode out, List<ObjectNode> variants) {
        List<ObjectNode> refs = variants.stream().filter(v -> v.has(REF)).toList();
        boolean othersEmpty = variants.stream().allMatch(v -> v.has(REF) || v.isEmpty());
        if (out.isEmpty() && refs.size() == 1 && othersEmpty) {
            out.setAll(refs.get(0));
            return;
        }
        for (ObjectNode v : variants) {
            if (!v.has(REF) && v.get(REQUIRED) instanceof ArrayNode required) {
                addRequired(out, texts(required));
            }
        }
    }

    /** oneOf/anyOf: only what every alternative agrees on is kept (see the class comment). */
    private static void foldAlternatives(ObjectNode out, List<ObjectNode> variants) {
        if (variants.isEmpty()) {
            return;
        }
        Set<String> common = null;
        for (ObjectNode v : variants) {
            Set<String> required = v.get(REQUIRED) instanceof ArrayNode r ? texts(r) : Set.of();
            if (common == null) {
                common = new LinkedHashSet<>(required);
            } else {
                common.retainAll(required);
            }
        }
        addRequired(out, common);
        if (variants.stream().anyMatch(v -> v.has(REF))) {
            return;
        }
        if (variants.stream().allMatch(SchemaCompactor::isClosed)) {
            poolProperties(out, variants, PROPERTIES);
            poolProperties(out, variants, PATTERN_PROPERTIES);
            out.put(ADDITIONAL_PROPERTIES, false);
        }
        if (!out.has(TYPE) && variants.stream().allMatch(v -> v.has(TYPE))) {
            out.set(TYPE, union(variants, TYPE));
        }
        if (!out.has(ENUM) && !out.has(ENUM_CASE_INSENSITIVE) && variants.stream().allMatch(v -> v.has(ENUM))) {
            out.set(ENUM, union(variants, ENUM));
        }
    }

    private static boolean isClosed(ObjectNode n) {
        return n.path(ADDITIONAL_PROPERTIES).isBoolean() && !n.get(ADDITIONAL_PROPERTIES).booleanValue();
    }

    /** Names from the alternatives join the parent's own; a name given different schemas accepts anything. */
    private static void poolProperties(ObjectNode out, List<ObjectNode> variants, String keyword) {
        Map<String, JsonNode> pooled = new LinkedHashMap<>();
        for (ObjectNode v : variants) {
            v.path(keyword).properties().forEach(e -> pooled.merge(e.getKey(), e.getValue(),
                    (a, b) -> a.equals(b) ? a : NODES.objectNode()));
        }
        if (pooled.isEmpty()) {
            return;
        }
        ObjectNode target = out.get(keyword) instanceof ObjectNode existing ? existing : out.putObject(keyword);
        pooled.forEach((name, schema) -> {
            if (!target.has(name)) {
                target.set(name, schema);
            }
        });
    }

    private static ArrayNode union(List<ObjectNode> variants, String keyword) {
        Set<JsonNode> values = new LinkedHashSet<>();
        for (ObjectNode v : variants) {
            JsonNode value = v.get(keyword);
            if (value.isArray()) {
                value.forEach(values::add);
            } else {
                values.add(value);
            }
        }
        ArrayNode out = NODES.arrayNode();
        values.forEach(out::add);
        return out;
    }

    private static void addRequired(ObjectNode out, Set<String> names) {
        if (names.isEmpty()) {
            return;
        }
        ArrayNode required = out.get(REQUIRED) instanceof ArrayNode existing ? existing : out.putArray(REQUIRED);
        Set<String> present = texts(required);
        for (String name : names) {
            if (present.add(name)) {
                required.add(name);
            }
        }
    }

    private static void copyArray(JsonNode src, String keyword, ObjectNode out) {
        if (src.get(keyword) instanceof ArrayNode array) {
            out.set(keyword, array.deepCopy());
        }
    }

    private static Set<String> texts(ArrayNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
