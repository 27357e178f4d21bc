package dev.portcullis.model;

import java.util.ArrayList;
import java.util.List;

/** A list. */
public record SequenceNode(List<Node> items, Span span) implements Node {

    public SequenceNode {
        items = List.copyOf(items);
    }

    public int size() {
        return items.size();
    }

    public Node get(int index) {
        return items.get(index);
    }

    @Override
    public Object toPlain() {
        List<Object> out = new ArrayList<>(items.size());
        for (Node item : items) {
            out.add(item.toPlain());
        }
        return out;
    }
}
