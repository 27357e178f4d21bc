package dev.portcullis.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.portcullis.model.InputException;
import dev.portcullis.model.IntrinsicNode;
import dev.portcullis.model.MappingNode;
import dev.portcullis.model.Node;
import dev.portcullis.model.ScalarNode;
import dev.portcullis.model.Span;

/**
 * Collects the entries of one mapping for both readers: rejects duplicate keys, merges YAML {@code <<} entries,
 * and turns a single-key mapping such as {@code {"Fn::Sub": "..."}} into the intrinsic it spells.
 */
final class MappingBuilder {

    private static final String RAIN_PREFIX = "Rain::";

    private final List<MappingNode.Entry> entries = new ArrayList<>();
    private final Map<String, Integer> keyLines = new HashMap<>();
    private List<MappingNode.Entry> merged;

    /** Adds one {@code key: value} entry written in this mapping. */
    void add(ScalarNode key, Node value) {
        String name = (String) key.value();
        Integer first = keyLines.putIfAbsent(name, key.span().line());
        if (first != null) {
            throw new InputException(key.span(), "duplicate key " + Snippet.quote(name) + " (first at line " + first
                    + ", again at line " + key.span().line() + ")");
        }
        if (name.startsWith(RAIN_PREFIX)) {
            // Rain directives are expanded by `rain pkg`; CloudFormation would reject the unpackaged template.
            throw new InputException(key.span(), Snippet.quote(name) + " is a Rain directive, not CloudFormation;"
                    + " package the template with 'rain pkg' first");
        }
        entries.add(new MappingNode.Entry(key, value));
    }

    /**
     * Adds the entries of a mapping merged in with YAML's {@code <<} key. Keys written in this mapping win over
     * merged ones, and a later merge wins over an earlier one, as in PyYAML.
     */
    void merge(List<MappingNode.Entry> mergedEntries) {
        if (merged == null) {
            merged = new ArrayList<>();
        }
        merged.addAll(mergedEntries);
    }

    /** The finished node: an {@link IntrinsicNode} when the mapping is a long-form call, else a {@link MappingNode}. */
    Node build(Span span) {
        List<MappingNode.Entry> all = entries;
        if (merged != null) {
            // A later entry replaces the value of an earlier one but keeps its place, as a Python dict does.
            Map<String, MappingNode.Entry> byName = new LinkedHashMap<>();
            for (MappingNode.Entry e : merged) {
                byName.put(e.name(), e);
            }
            for (MappingNode.Entry e : entries) {
                byName.put(e.name(), e);
            }
            all = new ArrayList<>(byName.values());
        }
        if (all.size() == 1) {
            MappingNode.Entry only = all.get(0);
            if (isIntrinsic(only)) {
                return new IntrinsicNode(only.name(), only.value(), span);
            }
        }
        return new MappingNode(all, span);
    }

    /** {@code Condition} is also a resource attribute and a property name, so it counts only with a string value. */
    private static boolean isIntrinsic(MappingNode.Entry entry) {
        String name = entry.name();
        if (!IntrinsicNode.FUNCTIONS.contains(name)) {
            return false;
        }
        return !name.equals("Condition") || (entry.value() instanceof ScalarNode s && s.isString());
    }
}
