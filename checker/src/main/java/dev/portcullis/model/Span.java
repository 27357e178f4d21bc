package dev.portcullis.model;

/**
 * Where a node came from: the file and its 1-based start and end line and column.
 * Every node of the template tree carries one, so a finding can point at the exact property.
 */
public record Span(String file, int line, int column, int endLine, int endColumn) {

    /** A span for values that do not come from the template text (e.g. supplied parameters). */
    public static Span synthetic(String origin) {
        return new Span(origin, 0, 0, 0, 0);
    }

    public boolean isSynthetic() {
        return line == 0;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
