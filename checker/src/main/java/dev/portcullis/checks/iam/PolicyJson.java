package dev.portcullis.checks.iam;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import dev.portcullis.model.Span;
import dev.portcullis.resolve.Value;

/**
 * Reads a policy written as JSON text (several properties take the document as a string) into the same value tree
 * as a policy written as YAML or JSON structure. Every part gets the span of the string, which is where a finding
 * about it can point. Streams through Jackson's parser: no object mapper, so no second mapper configuration.
 */
final class PolicyJson {

    private static final int MAX_DEPTH = 32;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private PolicyJson() {
    }

    /** The document the text holds, or null when it is not a JSON object. */
    static Value parse(String text, Span span) {
        if (!text.stripLeading().startsWith("{")) {
            return null;
        }
        try (JsonParser p = FACTORY.createParser(text)) {
            Value v = read(p, p.nextToken(), span);
            return p.nextToken() == null ? v : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Value read(JsonParser p, JsonToken token, Span span) throws IOException {
        if (token == JsonToken.START_OBJECT) {
            List<Value.Field> fields = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                fields.add(new Value.Field(name, span, read(p, p.nextToken(), span)));
            }
            return new Value.Struct(fields, span);
        }
        if (token == JsonToken.START_ARRAY) {
            List<Value> items = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                items.add(read(p, t, span));
            }
            return new Value.Seq(items, span);
        }
        if (token == JsonToken.VALUE_STRING) {
            return new Value.Scalar(p.getText(), span);
        }
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return new Value.Scalar(p.getNumberValue(), span);
        }
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return new Value.Scalar(token == JsonToken.VALUE_TRUE, span);
        }
        if (token == JsonToken.VALUE_NULL) {
            return new Value.Scalar(null, span);
        }
        throw new IOException("unexpected " + token);
    }
}
