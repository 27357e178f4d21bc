package dev.portcullis.checks.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;

import dev.portcullis.resolve.Value;

/**
 * CloudFormation's leniency about scalar types, which is wider than JSON Schema's: every template value
 * reaches the resource as text first, so a string "true" is a boolean, "8080" is an integer, and 8080 or
 * true is a string. Findings must never contradict what a deployment accepts.
 */
final class ValueKinds {

    private ValueKinds() {
    }

    /** Whether {@code value} (literal data only) satisfies a schema {@code type} of {@code types}. */
    static boolean accepts(Set<JsonType> types, Value value) {
        for (JsonType type : types) {
            if (accepts(type, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean accepts(JsonType type, Value value) {
        if (value instanceof Value.Struct) {
            return type == JsonType.OBJECT;
        }
        if (value instanceof Value.Seq) {
            return type == JsonType.ARRAY;
        }
        if (!(value instanceof Value.Scalar scalar)) {
            return true;
        }
        Object v = scalar.value();
        if (v == null) {
            return type == JsonType.NULL;
        }
        return switch (type) {
            case STRING -> v instanceof String || v instanceof Number || v instanceof Boolean;
            case BOOLEAN -> v instanceof Boolean
                    || v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"));
            case INTEGER -> isInteger(v);
            case NUMBER -> v instanceof Number || v instanceof String s && decimal(s) != null;
            case OBJECT, ARRAY, NULL -> false;
        };
    }

    private static boolean isInteger(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof BigInteger || v instanceof Short
                || v instanceof Byte) {
            return true;
        }
        if (v instanceof Number n) {
            BigDecimal d = decimal(n.toString());
            return d != null && isIntegral(d);
        }
        if (v instanceof String s && !s.isEmpty() && s.length() <= 100) {
            try {
                new BigInteger(s);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean isIntegral(BigDecimal d) {
        return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }

    /** The number a text spells, or null (NaN and Infinity are not template numbers). */
    static BigDecimal decimal(String text) {
        if (text.isEmpty() || text.length() > 100 || !numeric(text)) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Whether every character can occur in a number. Most texts checked are not numbers (enum values such as
     * instance types), and ruling them out here avoids an exception per comparison.
     */
    private static boolean numeric(String text) {
        boolean digit = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return digit;
    }

    /** "a string", "a list", ... for "got ..." in messages. */
    static String describe(Value value) {
        if (value instanceof Value.Struct) {
            return JsonType.OBJECT.withArticle();
        }
        if (value instanceof Value.Seq) {
            return JsonType.ARRAY.withArticle();
        }
        if (value instanceof Value.Scalar scalar) {
            Object v = scalar.value();
            if (v == null) {
                return JsonType.NULL.withArticle();
            }
            if (v instanceof Boolean) {
                return JsonType.BOOLEAN.withArticle();
            }
            if (v instanceof Number) {
                return JsonType.NUMBER.withArticle();
            }
            return JsonType.STRING.withArticle();
        }
        return "a value known only at deploy time";
    }
}
