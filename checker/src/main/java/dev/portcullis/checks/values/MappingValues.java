package dev.portcullis.checks.values;

import dev.portcullis.model.IntrinsicNode;
import dev.portcullis.model.MappingNode;
import dev.portcullis.model.Node;
import dev.portcullis.model.ScalarNode;
import dev.portcullis.model.SequenceNode;
import dev.portcullis.model.Template;

/**
 * The candidates of an {@code Fn::FindInMap} whose keys are not known (typically keyed by region): whatever the
 * keys, the value is one written in the named mapping, so if none of those is or holds a wildcard, the lookup
 * does not give one either.
 */
final class MappingValues {

    private static final int MAX_DEPTH = 8;

    private MappingValues() {
    }

    static boolean mayHoldWildcard(IntrinsicNode f, Template template) {
        if (!(f.argument() instanceof SequenceNode args) || args.size() < 3
                || !(args.get(0) instanceof ScalarNode name) || template.mappings() == null
                || !(template.mappings().get(name.text()) instanceof MappingNode map)) {
            return true;
        }
        if (args.size() == 4) {
            // A DefaultValue is written in the template as well.
            return holdsWildcard(args.get(3), 0);
        }
        return holdsWildcard(map, 0);
    }

    private static boolean holdsWildcard(Node node, int depth) {
        if (depth > MAX_DEPTH) {
            return true;
        }
        if (node instanceof ScalarNode s) {
            return s.text().contains("*");
        }
        if (node instanceof MappingNode m) {
            for (MappingNode.Entry e : m.entries()) {
                if (holdsWildcard(e.value(), depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (node instanceof SequenceNode seq) {
            for (Node item : seq.items()) {
                if (holdsWildcard(item, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }
}
