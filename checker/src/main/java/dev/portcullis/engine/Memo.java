package dev.portcullis.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What checks derive from one template and would otherwise derive again and again: the policy documents of a
 * resource (read once, not once per IAM rule), the index of a resource's source text, the resources of a type,
 * which buckets receive logs in a scenario. Each value is computed on first use and kept for one evaluation of one
 * template. A value is filed under its {@link Key} and a qualifier (a resource, a scenario, or both) that must name
 * everything the value depends on.
 *
 * <p>Not thread-safe: the engine evaluates one template on one thread, and each evaluation has its own memo.
 */
public final class Memo {

    /** What a value is, and its type; compared by identity, so each key is a constant of the code that uses it. */
    public static final class Key<T> {
        private final String name;

        private Key(String name) {
            this.name = name;
        }

        public static <T> Key<T> named(String name) {
            return new Key<>(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private record Slot(Key<?> key, Object qualifier) {
    }

    private final Map<Slot, Object> values = new HashMap<>();

    /**
     * The value filed under {@code key} and {@code qualifier}, computed by {@code compute} the first time. The
     * computation may use the memo itself (HashMap.computeIfAbsent would not allow that).
     */
    @SuppressWarnings("unchecked") // a Key<T> only ever files a T
    public <T> T get(Key<T> key, Object qualifier, Supplier<? extends T> compute) {
        Slot slot = new Slot(key, qualifier);
        Object value = values.get(slot);
        if (value == null && !values.containsKey(slot)) {
            value = compute.get();
            values.put(slot, value);
        }
        return (T) value;
    }
}
