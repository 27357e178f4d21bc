package dev.portcullis.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns the {@code when}/{@code assert} trees of a rule file into {@link Assertion}s once, at load time: paths
 * parsed, regular expressions compiled, literals converted. Problems the schema cannot see (a bad path, a bad
 * regular expression) are reported as {@link Problem}s at the JSON pointer they occur at.
 */
final class AssertionCompiler {

    /** A mistake in the assertion at {@code pointer}. */
    static final class Problem extends RuntimeException {
        private final String pointer;

        Problem(String pointer, String message) {
            super(message, null, false, false);
            this.pointer = pointer;
        }

        String pointer() {
            return pointer;
        }
    }

    private AssertionCompiler() {
    }

    static Assertion compile(JsonNode node, String pointer) {
        if (node == null || !node.isObject() || node.size() != 1) {
            throw new Problem(pointer, "an assertion is a mapping with exactly one operator");
        }
        Map.Entry<String, JsonNode> entry = node.fields().next();
        String op = entry.getKey();
        JsonNode arg = entry.getValue();
        String at = pointer + "/" + YamlDocument.escape(op);
        return switch (op) {
            case "exists" -> new Assertion.Exists(path(arg, at));
            case "absent" -> new Assertion.Absent(path(arg, at));
            case "cidrOpen" -> new Assertion.CidrOpen(path(arg, at));
            case "equals", "notEquals" -> new Assertion.Equals(path(arg.get("path"), at + "/path"),
                    literal(arg.get("value"), at + "/value"), op.equals("notEquals"));
            case "in", "notIn" -> new Assertion.In(path(arg.get("path"), at + "/path"),
                    literals(arg.get("values"), at + "/values"), op.equals("notIn"));
            case "matches", "notMatches" -> new Assertion.Matches(path(arg.get("path"), at + "/path"),
                    pattern(arg.get("pattern"), at + "/pattern"), op.equals("notMatches"));
            case "greaterOrEqual", "lessOrEqual" -> new Assertion.Bound(path(arg.get("path"), at + "/path"),
                    number(arg.get("value"), at + "/value"), op.equals("greaterOrEqual"));
            case "all" -> new Assertion.All(list(arg, at));
            case "any" -> new Assertion.Any(list(arg, at));
            case "not" -> new Assertion.Not(compile(arg, at));
            case "each" -> new Assertion.Each(path(arg.get("path"), at + "/path"), compile(arg.get("assert"), at + "/assert"));
            case "some" -> new Assertion.Some(path(arg.get("path"), at + "/path"), compile(arg.get("assert"), at + "/assert"));
            default -> throw new Problem(at, "unknown operator '" + op + "'");
        };
    }

    private static List<Assertion> list(JsonNode arg, String at) {
        if (arg == null || !arg.isArray() || arg.isEmpty()) {
            throw new Problem(at, "expected a non-empty list of assertions");
        }
        List<Assertion> out = new ArrayList<>(arg.size());
        Iterator<JsonNode> items = arg.elements();
        for (int i = 0; items.hasNext(); i++) {
            out.add(compile(items.next(), at + "/" + i));
        }
        return out;
    }

    private static RulePath path(JsonNode node, String at) {
        if (node == null || !node.isTextual()) {
            throw new Problem(at, "expected a property path");
        }
        try {
            return RulePath.parse(node.asText());
        } catch (IllegalArgumentException e) {
            throw new Problem(at, "bad path " + e.getMessage());
        }
    }

    private static Object literal(JsonNode node, String at) {
        if (node == null) {
            throw new Problem(at, "expected a value");
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        throw new Problem(at, "expected a string, number or boolean");
    }

    private static List<Object> literals(JsonNode node, String at) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new Problem(at, "expected a non-empty list of values");
        }
        List<Object> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(literal(node.get(i), at + "/" + i));
        }
        return out;
    }

    private static Pattern pattern(JsonNode node, String at) {
        if (node == null || !node.isTextual()) {
            throw new Problem(at, "expected a regular expression");
        }
        try {
            return Pattern.compile(node.asText());
        } catch (PatternSyntaxException e) {
            throw new Problem(at, "bad regular expression: " + e.getDescription() + " near position " + e.getIndex());
        }
    }

    private static BigDecimal number(JsonNode node, String at) {
        if (node == null || !node.isNumber()) {
            throw new Problem(at, "expected a number");
        }
        return node.decimalValue();
    }
}
