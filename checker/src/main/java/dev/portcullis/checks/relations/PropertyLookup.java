package dev.portcullis.checks.relations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.portcullis.catalog.Violations;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.model.Span;
import dev.portcullis.resolve.Value;

/**
 * Property look-ups for checks that replace an {@code assert:} rule and must report where, and why, that rule did:
 * a path of field names is followed as the rule language follows it (a finding about a property points at its key,
 * one about a missing property at the anchor, a value the template does not determine stops the walk), and
 * {@link Places} collects FAIL and UNKNOWN places with Kleene conjunction (any FAIL wins over UNKNOWN).
 */
final class PropertyLookup {

    private PropertyLookup() {
    }

    enum Kind { PRESENT, MISSING, UNDETERMINED }

    /** Where a path led: the value, the span a finding points at, and the finding path relative to Properties. */
    record Hit(Kind kind, Value value, Span span, String path) {

        /** The value is set to something other than an empty {@code Key:}. */
        boolean isSet() {
            return kind == Kind.PRESENT && !(value instanceof Value.Scalar s && s.value() == null);
        }

        /** The template does not determine the value here. */
        boolean isOpen() {
            return kind == Kind.UNDETERMINED || (kind == Kind.PRESENT
                    && (value instanceof Value.Unknown || value instanceof Value.Symbolic));
        }

        String reason() {
            String where = dotted(path);
            if (value instanceof Value.Unknown u) {
                return where + " is not determined by the template (" + u.reason() + ")";
            }
            if (value instanceof Value.Symbolic s) {
                return where + " is " + s.text() + ", known only at deployment";
            }
            return where + " is not determined by the template";
        }
    }

    /** Follows {@code fields} from {@code root} (null: nothing set), whose finding path is {@code base}. */
    static Hit find(Value root, Span anchor, String base, String... fields) {
        if (root == null) {
            return new Hit(Kind.MISSING, null, anchor, join(base, fields, 0));
        }
        Value value = root;
        Span span = fields.length == 0 ? anchor : root.span();
        String path = base;
        for (int i = 0; i < fields.length; i++) {
            if (value instanceof Value.Unknown || value instanceof Value.Symbolic) {
                return new Hit(Kind.UNDETERMINED, value, span, path);
            }
            Value.Field field = value instanceof Value.Struct struct ? struct.field(fields[i]) : null;
            path = join(path, fields[i]);
            if (field == null) {
                return new Hit(Kind.MISSING, null, anchor, join(path, fields, i + 1));
            }
            value = field.value();
            span = field.keySpan();
        }
        return new Hit(Kind.PRESENT, value, span, path);
    }

    static String join(String path, String segment) {
        return path.isEmpty() ? segment : path + "/" + segment;
    }

    private static String join(String path, String[] fields, int from) {
        String out = path;
        for (int i = from; i < fields.length; i++) {
            out = join(out, fields[i]);
        }
        return out;
    }

    /** {@code A/B/0/C} as {@code A.B[0].C}, as reasons spell paths. */
    static String dotted(String path) {
        if (path == null || path.isEmpty()) {
            return "(resource)";
        }
        StringBuilder out = new StringBuilder(path.length() + 4);
        for (String segment : path.split("/")) {
            if (!segment.isEmpty() && segment.chars().allMatch(Character::isDigit)) {
                out.append('[').append(segment).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(segment);
            }
        }
        return out.toString();
    }

    /** The FAIL and UNKNOWN places of one evaluation, reported once each unless the bucket receives logs. */
    static final class Places {

        private record Place(Span span, String path, Value value, String reason) {
        }

        private final List<Place> fails = new ArrayList<>(2);
        private final List<Place> unknowns = new ArrayList<>(2);

        void fail(Span span, String path) {
            fails.add(new Place(span, path, null, null));
        }

        void unknown(Hit hit) {
            unknowns.add(new Place(hit.span(), hit.path(), hit.value(), hit.reason()));
        }

        /**
         * Reports the FAILs, or if there are none the UNKNOWNs, unless the bucket receives logs. Places on the same
         * line and column are reported once.
         */
        void reportUnlessLogDestination(ResourceContext context, Violations out) {
            if ((fails.isEmpty() && unknowns.isEmpty()) || LogDestination.receivesLogs(context)) {
                return;
            }
            boolean failing = !fails.isEmpty();
            List<Span> seen = new ArrayList<>(2);
            for (Place p : failing ? fails : unknowns) {
                Span placed = p.span() == null || p.span().isSynthetic() ? context.resource().keySpan() : p.span();
                if (seen.stream().anyMatch(s -> s.line() == placed.line() && s.column() == placed.column())) {
                    continue;
                }
                seen.add(placed);
                if (failing) {
                    out.fail(p.span(), p.path(), Map.of());
                } else {
                    out.unknown(p.span(), p.path(), p.value(), p.reason());
                }
            }
        }
    }
}
