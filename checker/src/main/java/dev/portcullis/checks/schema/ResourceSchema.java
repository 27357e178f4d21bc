package dev.portcullis.checks.schema;

import java.util.Map;
import java.util.Set;

/**
 * The compact schema of one resource type: the schema of its {@code Properties} object, the definitions
 * that schema refers to, and the read-only property paths (JSON pointers such as {@code /properties/Arn}
 * or {@code /properties/Subscribers/*}{@code /Status}). Read-only properties are not in {@code properties}:
 * CloudFormation accepts them in a template but never passes them to the resource, so setting one is
 * reported like an unknown property, with the reason.
 */
public record ResourceSchema(String typeName, SchemaNode properties, Map<String, SchemaNode> definitions,
                             Set<String> readOnlyPaths) {

    /** Longest chain of definitions that only refer to other definitions; real schemas stay far below. */
    private static final int MAX_REF_CHAIN = 32;

    public ResourceSchema {
        definitions = Map.copyOf(definitions);
        readOnlyPaths = Set.copyOf(readOnlyPaths);
    }

    /** Follows {@code $ref}s to the node that holds the keywords; a dangling or cyclic ref accepts anything. */
    public SchemaNode resolve(SchemaNode node) {
        SchemaNode current = node;
        for (int i = 0; i < MAX_REF_CHAIN && current.ref() != null; i++) {
            current = definitions.getOrDefault(current.ref(), SchemaNode.ANY);
        }
        return current.ref() == null ? current : SchemaNode.ANY;
    }

    public boolean isReadOnly(String pointer) {
        return readOnlyPaths.contains(pointer);
    }
}
