package dev.portcullis.parse;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

import dev.portcullis.model.InputException;
import dev.portcullis.model.Node;
import dev.portcullis.model.ScalarNode;
import dev.portcullis.model.SequenceNode;
import dev.portcullis.model.Span;

/**
 * Reads JSON text into the template tree in one pass over Jackson's token stream, keeping the 1-based
 * position of every key and value. Numbers become Long, BigInteger or Double; strings are marked quoted.
 * Open objects and arrays live on an explicit stack, so nesting costs heap, never thread stack.
 */
final class JsonTreeReader {

    /** One factory for every parse: it is thread-safe and costly to build. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    // One above our own limit, so that our clearer message is the one users see.
                    .maxNestingDepth(TemplateParser.MAX_DEPTH + 1)
                    .maxDocumentLength(TemplateParser.MAX_BYTES)
                    .maxNumberLength(TemplateParser.MAX_NUMBER_CHARS)
                    .build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /** "[Source: REDACTED (...); line: 1, column: 21]" inside a message reads better as "[line: 1, column: 21]". */
    private static final Pattern SOURCE_IN_LOCATION = Pattern.compile("\\[Source: [^;]*; ");

    private final String file;
    private final ArrayDeque<Frame> open = new ArrayDeque<>();

    private JsonTreeReader(String file) {
        this.file = file;
    }

    /** The root node of {@code text}; every failure is an {@link InputException} with the line. */
    static Node read(String file, String text) {
        JsonTreeReader reader = new JsonTreeReader(file);
        try (JsonParser parser = FACTORY.createParser(text)) {
            try {
                Node root = reader.root(parser);
                if (parser.nextToken() != null) {
                    throw new InputException(file, parser.currentTokenLocation().getLineNr(),
                            "invalid JSON: unexpected content after the top-level value");
                }
                return root;
            } catch (JacksonException e) {
                // Limit violations carry no location of their own; the parser still knows where it is.
                JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
                Integer line = at != null && at.getLineNr() > 0 ? at.getLineNr() : null;
                throw new InputException(file, line, "invalid JSON: " + jacksonProblem(e), e);
            }
        } catch (IOException e) {
            // Reading from a String cannot fail for I/O reasons; kept for the checked signature.
            throw new InputException(file, null, "cannot read JSON: " + Snippet.oneLine(firstLine(e.getMessage())), e);
        }
    }

    private Node root(JsonParser p) throws IOException {
        JsonToken token;
        long nodes = 0;
        while ((token = p.nextToken()) != null) {
            JsonLocation start = p.currentTokenLocation();
            if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY
                    && ++nodes > TemplateParser.MAX_NODES) {
                throw new InputException(file, start.getLineNr(), "more than " + TemplateParser.MAX_NODES + " nodes");
            }
            Node done;
            switch (token) {
                case START_OBJECT, START_ARRAY -> {
                    if (open.size() >= TemplateParser.MAX_DEPTH) {
                        throw new InputException(file, start.getLineNr(),
                                "nested deeper than " + TemplateParser.MAX_DEPTH + " levels");
                    }
                    open.push(new Frame(start, token == JsonToken.START_OBJECT));
                    continue;
                }
                case FIELD_NAME -> {
                    String name = p.currentName();
                    // Jackson has already read past the colon here; the key ends after its closing quote.
                    open.peek().key = ScalarNode.string(name, new Span(file, start.getLineNr(), start.getColumnNr(),
                            start.getLineNr(), start.getColumnNr() + name.length() + 2));
                    continue;
                }
                case END_OBJECT, END_ARRAY -> {
                    Frame frame = open.pop();
                    Span span = span(frame.start, p.currentLocation());
                    done = frame.mapping != null ? frame.mapping.build(span) : new SequenceNode(frame.items, span);
                }
                default -> done = scalar(p, token, start);
            }
            Frame parent = open.peek();
            if (parent == null) {
                return done;
            }
            parent.add(done);
        }
        throw new InputException(file, p.currentLocation().getLineNr(), "invalid JSON: unexpected end of input");
    }

    private Node scalar(JsonParser p, JsonToken token, JsonLocation start) throws IOException {
        Object value = switch (token) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT, LONG -> p.getLongValue();
                default -> p.getBigIntegerValue();
            };
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new InputException(file, start.getLineNr(), "invalid JSON: unexpected " + token);
        };
        // The value has been read in full, so the current location is just past it.
        return new ScalarNode(value, token == JsonToken.VALUE_STRING, span(start, p.currentLocation()));
    }

    private Span span(JsonLocation start, JsonLocation end) {
        return new Span(file, start.getLineNr(), start.getColumnNr(), end.getLineNr(), end.getColumnNr());
    }

    /** Jackson's message without the source description it puts inside nested locations. */
    private static String jacksonProblem(JacksonException e) {
        return Snippet.oneLine(SOURCE_IN_LOCATION.matcher(firstLine(e.getOriginalMessage())).replaceAll("["));
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    /** An open object (with the key waiting for its value) or array. */
    private static final class Frame {
        final JsonLocation start;
        final MappingBuilder mapping;
        final List<Node> items;
        ScalarNode key;

        Frame(JsonLocation start, boolean isObject) {
            this.start = start;
            this.mapping = isObject ? new MappingBuilder() : null;
            this.items = isObject ? null : new ArrayList<>();
        }

        void add(Node value) {
            if (mapping != null) {
                mapping.add(key, value);
                key = null;
            } else {
                items.add(value);
            }
        }
    }
}
