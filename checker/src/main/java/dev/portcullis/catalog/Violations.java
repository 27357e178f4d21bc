package dev.portcullis.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.portcullis.model.Span;
import dev.portcullis.resolve.Value;

/**
 * Where a {@link RuleCheck} reports what it found on one resource in one scenario: FAIL (the rule is broken at
 * this value) or UNKNOWN (the template does not determine whether it is). Paths are relative to the resource's
 * {@code Properties}, segments separated by {@code /} (e.g. {@code PolicyDocument/Statement/0/Action}); a path
 * starting with {@code @} names a resource attribute ({@code @DeletionPolicy}); null or empty means the resource
 * itself. A null span points the finding at the resource's logical id.
 */
public final class Violations {

    /** FAIL: the rule is broken; UNKNOWN: it may or may not be, the template does not say. */
    public enum Outcome { FAIL, UNKNOWN }

    /**
     * One result. {@code args} fill the rule message's placeholders beyond the standard {@code {resource}},
     * {@code {type}}, {@code {path}}, {@code {value}}; {@code reason} explains an UNKNOWN.
     */
    public record Violation(Outcome outcome, Span span, String path, Value value, Map<String, String> args,
                            String reason) {
        public Violation {
            args = args == null ? Map.of() : Map.copyOf(args);
        }
    }

    private final List<Violation> found = new ArrayList<>(2);

    /** The rule fails at {@code value} (its span is where the finding points), found under {@code path}. */
    public void fail(Value value, String path) {
        fail(value, path, Map.of());
    }

    /** As {@link #fail(Value, String)}, with extra message arguments such as {@code {action}} or {@code {port}}. */
    public void fail(Value value, String path, Map<String, String> args) {
        found.add(new Violation(Outcome.FAIL, value == null ? null : value.span(), path, value, args, null));
    }

    /** The rule fails at a place that has no value (e.g. a missing property: {@code span} null = resource key). */
    public void fail(Span span, String path, Map<String, String> args) {
        found.add(new Violation(Outcome.FAIL, span, path, null, args, null));
    }

    /** Whether the rule holds depends on {@code value}, which the template does not determine. */
    public void unknown(Value value, String path, String reason) {
        found.add(new Violation(Outcome.UNKNOWN, value == null ? null : value.span(), path, value, Map.of(), reason));
    }

    /** As {@link #unknown(Value, String, String)}, pointing at {@code span} (e.g. the property's key) instead. */
    public void unknown(Span span, String path, Value value, String reason) {
        found.add(new Violation(Outcome.UNKNOWN, span, path, value, Map.of(), reason));
    }

    /** Everything reported so far, in order. */
    public List<Violation> all() {
        return found;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Forgets everything reported, so one instance can serve many evaluations without allocating. */
    public void clear() {
        found.clear();
    }
}
