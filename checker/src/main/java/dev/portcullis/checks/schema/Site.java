package dev.portcullis.checks.schema;

import dev.portcullis.model.Span;

/**
 * Where in a resource's properties the walk is: the finding path ({@code Resources/B/Properties/Rules/0/Id}),
 * the name messages use for this place ({@code Id}, or {@code Rules[0]} for a list item), the schema pointer
 * read-only paths are written in ({@code /properties/Rules/*}{@code /Id}), and the span that findings about
 * a missing child point at (this property's key, the item itself inside a list, or the resource's key).
 */
record Site(String path, String name, String pointer, Span anchor) {

    static Site properties(String propertiesPath, Span resourceKey) {
        return new Site(propertiesPath, null, "/properties", resourceKey);
    }

    boolean isTop() {
        return name == null;
    }

    Site field(String fieldName, Span keySpan) {
        return new Site(path + "/" + fieldName, fieldName, pointer + "/" + fieldName, keySpan);
    }

    Site item(int index, Span itemSpan) {
        return new Site(path + "/" + index, (name == null ? "Properties" : name) + "[" + index + "]", pointer + "/*",
                itemSpan);
    }

    /** " in 'Name'" for nested sites, nothing at the top, for messages about a child of this site. */
    String within() {
        return isTop() ? "" : " in '" + name + "'";
    }
}
