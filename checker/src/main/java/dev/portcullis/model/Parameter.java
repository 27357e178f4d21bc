package dev.portcullis.model;

import java.util.ArrayList;
import java.util.List;

/** A template parameter declaration. */
public record Parameter(String name, Span keySpan, MappingNode node) {

    public String type() {
        String t = node.string("Type");
        return t == null ? "String" : t;
    }

    /** The {@code Default} node, or null. */
    public Node defaultValue() {
        return node.get("Default");
    }

    public boolean noEcho() {
        Node n = node.get("NoEcho");
        return n instanceof ScalarNode s && "true".equalsIgnoreCase(s.text());
    }

    /** {@code AllowedValues} as strings, or an empty list when unrestricted. */
    public List<String> allowedValues() {
        List<String> out = new ArrayList<>();
        if (node.get("AllowedValues") instanceof SequenceNode seq) {
            for (Node item : seq.items()) {
                if (item instanceof ScalarNode s) {
                    out.add(s.text());
                }
            }
        }
        return out;
    }

    public boolean isList() {
        String t = type();
        return t.startsWith("List<") || t.equals("CommaDelimitedList") || t.startsWith("AWS::SSM::Parameter::Value<List<");
    }
}
