package dev.portcullis.catalog;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.portcullis.model.InputException;

/**
 * One of our own YAML files (a rule, a pack, the project configuration, a waiver file) read into a Jackson tree,
 * remembering the line of every key and list item by JSON pointer ({@code /assert/all/0/equals}), so that schema
 * and compile errors name the line.
 */
public record YamlDocument(JsonNode root, Map<String, Integer> lines) {

    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    /** Our files are small and flat; deeper nesting is a mistake or an attack, not a rule. */
    private static final int MAX_DEPTH = 64;

    /**
     * Parses {@code text}; a syntax error, a duplicate key, several documents or an empty file is an
     * {@link InputException} naming {@code file} and the line.
     */
    public static YamlDocument parse(String text, String file) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new InputException(file, null, "the file is empty");
            }
            JsonNode root = read(p, "", lines, file, 0);
            lines.putIfAbsent("", 1);
            if (p.nextToken() != null) {
                throw new InputException(file, line(p.currentTokenLocation()), "only one YAML document is allowed");
            }
            return new YamlDocument(root, lines);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InputException(file, at == null ? null : line(at), "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InputException(file, null, "cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            if (e instanceof InputException) {
                throw e;
            }
            // SnakeYAML problems (e.g. alias limits) surface as runtime exceptions.
            throw new InputException(file, null, "not valid YAML: " + e.getMessage());
        }
    }

    private static JsonNode read(JsonParser p, String pointer, Map<String, Integer> lines, String file, int depth)
            throws IOException {
        if (depth > MAX_DEPTH) {
            throw new InputException(file, line(p.currentTokenLocation()), "nested more than " + MAX_DEPTH + " levels");
        }
        JsonToken t = p.currentToken();
        lines.putIfAbsent(pointer, line(p.currentTokenLocation()));
        switch (t) {
            case START_OBJECT -> {
                ObjectNode node = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String child = pointer + "/" + escape(name);
                    int keyLine = line(p.currentTokenLocation());
                    if (node.has(name)) {
                        throw new InputException(file, keyLine, "duplicate key '" + name + "'");
                    }
                    lines.put(child, keyLine);
                    p.nextToken();
                    node.set(name, read(p, child, lines, file, depth + 1));
                }
                return node;
            }
            case START_ARRAY -> {
                ArrayNode node = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    node.add(read(p, pointer + "/" + i, lines, file, depth + 1));
                    i++;
                }
                return node;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return NODES.numberNode(p.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDecimalValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new InputException(file, line(p.currentTokenLocation()), "unexpected YAML content " + t);
        }
    }

    private static int line(JsonLocation location) {
        return Math.max(1, location.getLineNr());
    }

    /** JSON pointer escaping of one reference token. */
    public static String escape(String name) {
        return name.indexOf('~') < 0 && name.indexOf('/') < 0 ? name : name.replace("~", "~0").replace("/", "~1");
    }

    /** The line of {@code pointer}, or of its nearest ancestor that has one. */
    public int line(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0) {
                return 1;
            }
            p = p.substring(0, slash);
        }
    }
}
