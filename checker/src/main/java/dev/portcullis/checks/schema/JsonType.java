package dev.portcullis.checks.schema;

import java.util.Locale;

/** The JSON Schema {@code type} names, with the wording findings use for them. */
public enum JsonType {
    STRING("a string"),
    INTEGER("an integer"),
    NUMBER("a number"),
    BOOLEAN("a boolean"),
    OBJECT("an object"),
    ARRAY("a list"),
    NULL("null");

    private final String article;

    JsonType(String article) {
        this.article = article;
    }

    /** e.g. "an object", as in "must be an object". */
    public String withArticle() {
        return article;
    }

    /** The type for a schema {@code type} keyword value, or null for a name this code does not know. */
    public static JsonType fromSchemaName(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String schemaName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
