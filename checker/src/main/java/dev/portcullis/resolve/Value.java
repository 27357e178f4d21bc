package dev.portcullis.resolve;

import dev.portcullis.model.Span;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A template value after intrinsic functions are evaluated in one condition scenario.
 * Every value keeps the span of the source node it came from, so findings point at the template text.
 * <ul>
 *   <li>{@link Scalar}, {@link Seq}, {@link Struct}: known literal data;</li>
 *   <li>{@link Symbolic}: known to be a specific resource's value (Ref to a resource, GetAtt, or text built
 *       from them with Sub/Join), but not as a literal;</li>
 *   <li>{@link Unknown}: the template does not determine it (parameter without default, ImportValue, ...).</li>
 * </ul>
 * {@code AWS::NoValue} never appears: it removes the property or list item that holds it.
 */
public sealed interface Value permits Value.Scalar, Value.Seq, Value.Struct, Value.Symbolic, Value.Unknown {

    Span span();

    /** Plain Java form (String/Boolean/Number/null, List, Map); symbolic and unknown values render as text. */
    Object toPlain();

    /** A literal string, boolean, number or null. */
    record Scalar(Object value, Span span) implements Value {
        /** The value as CloudFormation would pass it to a string property. */
        public String text() {
            return value == null ? "" : value.toString();
        }

        @Override
        public Object toPlain() {
            return value;
        }
    }

    /** A list. */
    record Seq(List<Value> items, Span span) implements Value {
        public Seq {
            items = List.copyOf(items);
        }

        @Override
        public Object toPlain() {
            List<Object> out = new ArrayList<>(items.size());
            for (Value v : items) {
                out.add(v.toPlain());
            }
            return out;
        }
    }

    /** One field of a {@link Struct}: its name, the span of its key, and its value. */
    record Field(String name, Span keySpan, Value value) {
    }

    /** A mapping, fields in source order. */
    record Struct(List<Field> fields, Span span) implements Value {
        public Struct {
            fields = List.copyOf(fields);
        }

        public Field field(String name) {
            for (Field f : fields) {
                if (f.name().equals(name)) {
                    return f;
                }
            }
            return null;
        }

        public Value get(String name) {
            Field f = field(name);
            return f == null ? null : f.value();
        }

        @Override
        public Object toPlain() {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            for (Field f : fields) {
                out.put(f.name(), f.value().toPlain());
            }
            return out;
        }
    }

    /**
     * A value determined by the deployment but not written in the template, e.g. {@code ${Bucket.Arn}}.
     * {@code text} renders it with {@code ${...}} placeholders for the symbolic parts.
     */
    record Symbolic(String text, Span span) implements Value {
        @Override
        public Object toPlain() {
            return text;
        }
    }

    /** A value the template does not determine, with the reason (e.g. "parameter Env has no default"). */
    record Unknown(String reason, Span span) implements Value {
        @Override
        public Object toPlain() {
            return "<unknown: " + reason + ">";
        }
    }
}
