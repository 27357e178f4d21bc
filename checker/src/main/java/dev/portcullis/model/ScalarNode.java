package dev.portcullis.model;

/**
 * A scalar: {@code value} is a String, Boolean, Number (Long, BigInteger, Double or BigDecimal) or null.
 * {@code quoted} is true when the source wrote the value as a string literal (JSON string, quoted YAML),
 * which matters for CloudFormation's string/number leniency.
 */
public record ScalarNode(Object value, boolean quoted, Span span) implements Node {

    public static ScalarNode string(String value, Span span) {
        return new ScalarNode(value, true, span);
    }

    public boolean isString() {
        return value instanceof String;
    }

    public boolean isNull() {
        return value == null;
    }

    /** The value as CloudFormation sees it when a string is expected (numbers and booleans become text). */
    public String text() {
        if (value == null) {
            return "";
        }
        return value.toString();
    }

    @Override
    public Object toPlain() {
        return value;
    }
}
