package dev.portcullis.parse;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns YAML scalar text into values the way cfn-lint's decoder (PyYAML's YAML 1.1 safe loader) does,
 * so that {@code Default: No} is the boolean false, {@code 0755} the octal 493 and {@code 1e3} a string.
 * That is YAML 1.1, which is why SnakeYAML Engine's YAML 1.2 core schema is not used. Timestamps stay text
 * ({@code AWSTemplateFormatVersion: 2010-09-09} is meant as the string), where PyYAML would make dates.
 */
final class YamlScalars {

    static final String YAML_TAG_PREFIX = "tag:yaml.org,2002:";

    private static final Map<String, Boolean> BOOLEANS = Map.ofEntries(
            Map.entry("yes", true), Map.entry("Yes", true), Map.entry("YES", true),
            Map.entry("no", false), Map.entry("No", false), Map.entry("NO", false),
            Map.entry("true", true), Map.entry("True", true), Map.entry("TRUE", true),
            Map.entry("false", false), Map.entry("False", false), Map.entry("FALSE", false),
            Map.entry("on", true), Map.entry("On", true), Map.entry("ON", true),
            Map.entry("off", false), Map.entry("Off", false), Map.entry("OFF", false));

    // The implicit resolvers of YAML 1.1, as PyYAML writes them.
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
                    + "|\\.[0-9_]+(?:[eE][-+][0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
                    + "|[-+]?\\.(?:inf|Inf|INF)"
                    + "|\\.(?:nan|NaN|NAN)");
    private static final Pattern INT = Pattern.compile(
            "[-+]?0b[0-1_]+"
                    + "|[-+]?0[0-7_]+"
                    + "|[-+]?(?:0|[1-9][0-9_]*)"
                    + "|[-+]?0x[0-9a-fA-F_]+"
                    + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");

    /** A marker for "this text is not a number after all" (e.g. {@code 0b_}, which PyYAML cannot read either). */
    private static final Object NOT_A_NUMBER = new Object();

    private YamlScalars() {
    }

    /** True when a plain scalar is YAML's null ({@code ~}, {@code null}, or nothing). */
    static boolean isNull(String text) {
        return switch (text) {
            case "", "~", "null", "Null", "NULL" -> true;
            default -> false;
        };
    }

    /**
     * The value of an untagged plain scalar: null, Boolean, Long, BigInteger, Double or the text itself.
     * Checks the first character before any pattern, because most scalars are plain words.
     */
    static Object resolvePlain(String text) {
        if (text.isEmpty()) {
            return null;
        }
        char first = text.charAt(0);
        if (first == '~' || first == 'n' || first == 'N') {
            if (isNull(text)) {
                return null;
            }
        }
        Boolean bool = BOOLEANS.get(text);
        if (bool != null) {
            return bool;
        }
        boolean numeric = (first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.';
        if (!numeric || text.length() > TemplateParser.MAX_NUMBER_CHARS) {
            return text;
        }
        Object number = NOT_A_NUMBER;
        if (FLOAT.matcher(text).matches()) {
            number = toFloat(text);
        } else if (INT.matcher(text).matches()) {
            number = toInt(text);
        }
        return number == NOT_A_NUMBER ? text : number;
    }

    /**
     * The value of a scalar with an explicit standard tag ({@code !!str}, {@code !!int}, ...).
     *
     * @throws IllegalArgumentException with a one-line reason when the tag is unsupported or the text does not fit it
     */
    static Object resolveTagged(String tag, String text) {
        String kind = tag.substring(YAML_TAG_PREFIX.length());
        switch (kind) {
            case "str", "timestamp" -> {
                return text;
            }
            case "null" -> {
                return null;
            }
            case "bool" -> {
                Boolean b = BOOLEANS.get(text.toLowerCase(Locale.ROOT));
                if (b == null) {
                    throw new IllegalArgumentException(Snippet.quote(text) + " is not a !!bool");
                }
                return b;
            }
            case "int" -> {
                Object n = text.length() <= TemplateParser.MAX_NUMBER_CHARS && INT.matcher(text).matches()
                        ? toInt(text) : NOT_A_NUMBER;
                if (n == NOT_A_NUMBER) {
                    throw new IllegalArgumentException(Snippet.quote(text) + " is not an !!int");
                }
                return n;
            }
            case "float" -> {
                Object n = text.length() <= TemplateParser.MAX_NUMBER_CHARS
                        && (FLOAT.matcher(text).matches() || INT.matcher(text).matches()) ? toFloat(text) : NOT_A_NUMBER;
                if (n == NOT_A_NUMBER) {
                    throw new IllegalArgumentException(Snippet.quote(text) + " is not a !!float");
                }
                return n;
            }
            default -> throw new IllegalArgumentException("unknown tag " + displayTag(tag));
        }
    }

    /** {@code tag:yaml.org,2002:binary} is shown as the {@code !!binary} the author wrote. */
    static String displayTag(String tag) {
        return Snippet.escape(tag.startsWith(YAML_TAG_PREFIX) ? "!!" + tag.substring(YAML_TAG_PREFIX.length()) : tag);
    }

    private static Object toInt(String text) {
        String value = text.replace("_", "");
        int sign = 1;
        if (!value.isEmpty() && (value.charAt(0) == '-' || value.charAt(0) == '+')) {
            sign = value.charAt(0) == '-' ? -1 : 1;
            value = value.substring(1);
        }
        if (value.isEmpty()) {
            return NOT_A_NUMBER;
        }
        BigInteger magnitude;
        if (value.equals("0")) {
            return 0L;
        } else if (value.startsWith("0b")) {
            magnitude = digits(value.substring(2), 2);
        } else if (value.startsWith("0x")) {
            magnitude = digits(value.substring(2), 16);
        } else if (value.charAt(0) == '0') {
            magnitude = digits(value, 8);
        } else if (value.indexOf(':') >= 0) {
            magnitude = BigInteger.ZERO;
            for (String part : value.split(":")) {
                magnitude = magnitude.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
            }
        } else if (value.length() <= 18) {
            return sign * Long.parseLong(value);
        } else {
            magnitude = digits(value, 10);
        }
        if (magnitude == null) {
            return NOT_A_NUMBER;
        }
        BigInteger result = sign < 0 ? magnitude.negate() : magnitude;
        return result.bitLength() < 64 ? (Object) result.longValue() : result;
    }

    private static BigInteger digits(String digits, int radix) {
        return digits.isEmpty() ? null : new BigInteger(digits, radix);
    }

    private static Object toFloat(String text) {
        String value = text.replace("_", "").toLowerCase(Locale.ROOT);
        double sign = 1;
        if (!value.isEmpty() && (value.charAt(0) == '-' || value.charAt(0) == '+')) {
            sign = value.charAt(0) == '-' ? -1 : 1;
            value = value.substring(1);
        }
        try {
            if (value.equals(".inf")) {
                return sign * Double.POSITIVE_INFINITY;
            } else if (value.equals(".nan")) {
                return Double.NaN;
            } else if (value.indexOf(':') >= 0) {
                double result = 0;
                for (String part : value.split(":")) {
                    result = result * 60 + Double.parseDouble(part);
                }
                return sign * result;
            }
            return sign * Double.parseDouble(value);
        } catch (NumberFormatException e) {
            // e.g. "._": the pattern allows it, but it holds no digit; PyYAML fails here, we keep the text
            return NOT_A_NUMBER;
        }
    }
}
