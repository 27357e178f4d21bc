package dev.portcullis.checks.schema;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One node of a compact resource schema: only the keywords property validation uses.
 * An empty {@code types} set means any type; {@code closed} is {@code additionalProperties: false};
 * {@code ref} names a definition of the same resource schema, and when set the other keywords are empty
 * (draft-07 ignores the siblings of {@code $ref}).
 */
public record SchemaNode(
        Set<JsonType> types,
        List<String> allowed,
        List<String> allowedIgnoringCase,
        Map<String, SchemaNode> properties,
        List<PatternProperty> patternProperties,
        boolean closed,
        List<String> required,
        SchemaNode items,
        String ref) {

    /** Accepts every value. */
    public static final SchemaNode ANY = new SchemaNode(Set.of(), List.of(), List.of(), Map.of(), List.of(), false,
            List.of(), null, null);

    public SchemaNode {
        types = Set.copyOf(types);
        allowed = List.copyOf(allowed);
        allowedIgnoringCase = List.copyOf(allowedIgnoringCase);
        properties = Map.copyOf(properties);
        patternProperties = List.copyOf(patternProperties);
        required = List.copyOf(required);
    }

    public static SchemaNode reference(String definition) {
        return new SchemaNode(Set.of(), List.of(), List.of(), Map.of(), List.of(), false, List.of(), null, definition);
    }

    /** The schema for a property not listed by name: the first matching pattern's, or null. */
    public SchemaNode patternSchema(String propertyName) {
        for (PatternProperty p : patternProperties) {
            if (p.matches(propertyName)) {
                return p.schema();
            }
        }
        return null;
    }

    public boolean hasEnum() {
        return !allowed.isEmpty() || !allowedIgnoringCase.isEmpty();
    }
}
