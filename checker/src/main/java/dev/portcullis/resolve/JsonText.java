package dev.portcullis.resolve;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The text {@code Fn::ToJsonString} produces: compact JSON, fields in template order. Symbolic parts are
 * written as their {@code ${...}} text; the caller rejects values with unknown parts before rendering.
 * Streams through Jackson's generator: no object mapper, so there is no second mapper configuration.
 */
final class JsonText {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonText() {
    }

    static String render(Value value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** True when the value, or any part of it, is {@link Value.Symbolic}. */
    static boolean hasSymbolic(Value value) {
        if (value instanceof Value.Symbolic) {
            return true;
        }
        if (value instanceof Value.Seq seq) {
            return seq.items().stream().anyMatch(JsonText::hasSymbolic);
        }
        if (value instanceof Value.Struct struct) {
            return struct.fields().stream().anyMatch(f -> hasSymbolic(f.value()));
        }
        return false;
    }

    /** The first unknown part of the value, or null when every part is known or symbolic. */
    static Value.Unknown firstUnknown(Value value) {
        if (value instanceof Value.Unknown u) {
            return u;
        }
        if (value instanceof Value.Seq seq) {
            for (Value item : seq.items()) {
                Value.Unknown u = firstUnknown(item);
                if (u != null) {
                    return u;
                }
            }
        }
        if (value instanceof Value.Struct struct) {
            for (Value.Field f : struct.fields()) {
                Value.Unknown u = firstUnknown(f.value());
                if (u != null) {
                    return u;
                }
            }
        }
        return null;
    }

    private static void write(JsonGenerator g, Value value) throws IOException {
        if (value instanceof Value.Struct struct) {
            g.writeStartObject();
            for (Value.Field f : struct.fields()) {
                g.writeFieldName(f.name());
                write(g, f.value());
            }
            g.writeEndObject();
        } else if (value instanceof Value.Seq seq) {
            g.writeStartArray();
            for (Value item : seq.items()) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof Value.Symbolic s) {
            g.writeString(s.text());
        } else if (value instanceof Value.Scalar s) {
            writeScalar(g, s.value());
        } else {
            g.writeString(String.valueOf(value.toPlain()));
        }
    }

    private static void writeScalar(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof BigDecimal b) {
            g.writeNumber(b);
        } else if (v instanceof Double || v instanceof Float) {
            g.writeNumber(((Number) v).doubleValue());
        } else {
            g.writeString(v.toString());
        }
    }
}
