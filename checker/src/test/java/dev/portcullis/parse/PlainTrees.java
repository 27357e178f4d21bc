package dev.portcullis.parse;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;

/**
 * Plain trees (maps, lists, scalars) as cfn-lint writes them and as {@code Node.toPlain()} gives them, in one
 * normal form: integers as BigInteger, other numbers as Double. Compared in order, key order included.
 */
final class PlainTrees {

    /** Python's json module writes NaN and Infinity for YAML's .nan and .inf. */
    private static final JsonFactory PYTHON_JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private PlainTrees() {
    }

    static Object readJson(String text) throws IOException {
        try (JsonParser p = PYTHON_JSON.createParser(text)) {
            return value(p, p.nextToken());
        }
    }

    private static Object value(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    map.put(name, value(p, p.nextToken()));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(p, t));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getBigIntegerValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + token);
        }
    }

    /** {@code toPlain()} output in the normal form. */
    static Object normalize(Object plain) {
        if (plain instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, normalize(v)));
            return out;
        }
        if (plain instanceof List<?> list) {
            return list.stream().map(PlainTrees::normalize).toList();
        }
        if (plain instanceof Long || plain instanceof Integer) {
            return BigInteger.valueOf(((Number) plain).longValue());
        }
        if (plain instanceof Float f) {
            return f.doubleValue();
        }
        return plain;
    }

    /** The first difference between two normal-form trees as "path: detail", or null when they are equal. */
    static String firstDifference(Object expected, Object actual, String path) {
        if (expected instanceof Map<?, ?> x && actual instanceof Map<?, ?> y) {
            if (!new ArrayList<>(x.keySet()).equals(new ArrayList<>(y.keySet()))) {
                return path + ": keys " + x.keySet() + " vs " + y.keySet();
            }
            for (Object key : x.keySet()) {
                String d = firstDifference(x.get(key), y.get(key), path + "/" + key);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected instanceof List<?> x && actual instanceof List<?> y) {
            if (x.size() != y.size()) {
                return path + ": " + x.size() + " items vs " + y.size();
            }
            Iterator<?> a = x.iterator();
            Iterator<?> b = y.iterator();
            for (int i = 0; a.hasNext(); i++) {
                String d = firstDifference(a.next(), b.next(), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (Objects.equals(expected, actual)) {
            return null;
        }
        return (path.isEmpty() ? "/" : path) + ": " + describe(expected) + " vs " + describe(actual);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text = String.valueOf(value);
        if (text.length() > 60) {
            text = text.substring(0, 60) + "...";
        }
        return "'" + text + "' (" + value.getClass().getSimpleName() + ")";
    }
}
