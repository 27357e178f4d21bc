package dev.portcullis.model;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A mapping with its entries in source order. Keys are unique (the parser rejects duplicates),
 * and each key keeps its own span so a finding can point at {@code BucketEncryption:} itself.
 */
public final class MappingNode implements Node {

    /** One {@code key: value} pair; the key is always a string scalar. */
    public record Entry(ScalarNode key, Node value) {
        public String name() {
            return (String) key.value();
        }
    }

    private final List<Entry> entries;
    private final Map<String, Entry> byKey;
    private final Span span;

    public MappingNode(List<Entry> entries, Span span) {
        this.entries = List.copyOf(entries);
        this.span = span;
        Map<String, Entry> index = new HashMap<>(Math.max(4, entries.size() * 2));
        for (Entry e : this.entries) {
            index.putIfAbsent(e.name(), e);
        }
        this.byKey = index;
    }

    public List<Entry> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public Node get(String key) {
        Entry e = byKey.get(key);
        return e == null ? null : e.value();
    }

    public Optional<Entry> entry(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    public boolean has(String key) {
        return byKey.containsKey(key);
    }

    /** The value at {@code key} if it is a mapping, else null. */
    public MappingNode mapping(String key) {
        return get(key) instanceof MappingNode m ? m : null;
    }

    /** The value at {@code key} if it is a string scalar, else null. */
    public String string(String key) {
        return get(key) instanceof ScalarNode s && s.value() instanceof String str ? str : null;
    }

    public Map<String, Node> asMap() {
        Map<String, Node> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            out.put(e.name(), e.value());
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public Span span() {
        return span;
    }

    @Override
    public Object toPlain() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            out.put(e.name(), e.value().toPlain());
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MappingNode m && m.entries.equals(entries) && m.span.equals(span);
    }

    @Override
    public int hashCode() {
        return entries.hashCode() * 31 + span.hashCode();
    }

    @Override
    public String toString() {
        return "MappingNode" + entries;
    }
}
