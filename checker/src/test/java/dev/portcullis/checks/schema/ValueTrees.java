package dev.portcullis.checks.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.portcullis.engine.ResourceContext;
import dev.portcullis.model.MappingNode;
import dev.portcullis.model.Resource;
import dev.portcullis.model.ScalarNode;
import dev.portcullis.model.Span;
import dev.portcullis.model.Template;
import dev.portcullis.resolve.Value;

/**
 * Builds evaluated property trees for tests, each value placed on the line given, as if the resolver had
 * produced them from a template file {@code t.yaml} whose resource key is on line 1 and {@code Type} on line 2.
 */
final class ValueTrees {

    static final String FILE = "t.yaml";
    static final int RESOURCE_LINE = 1;
    static final int TYPE_LINE = 2;

    private ValueTrees() {
    }

    static Span at(int line, int column) {
        return new Span(FILE, line, column, line, column + 1);
    }

    static Value.Struct obj(int line, Value.Field... fields) {
        return new Value.Struct(List.of(fields), at(line, 7));
    }

    /** A field whose key starts at column 5 of {@code line}. */
    static Value.Field f(String name, int line, Value value) {
        return new Value.Field(name, at(line, 5), value);
    }

    /** A literal scalar at column 20 of {@code line}. */
    static Value.Scalar s(int line, Object value) {
        return new Value.Scalar(value, at(line, 20));
    }

    static Value.Seq list(int line, Value... items) {
        return new Value.Seq(new ArrayList<>(List.of(items)), at(line, 7));
    }

    static Value.Symbolic sym(int line, String text) {
        return new Value.Symbolic(text, at(line, 20));
    }

    static Value.Unknown unknown(int line) {
        return new Value.Unknown("parameter Env has no default", at(line, 20));
    }

    static ResourceContext resource(String logicalId, String type, Value properties) {
        return resource(logicalId, type, properties, List.of());
    }

    /** A resource in a template whose {@code Transform} lists {@code transforms}. */
    static ResourceContext resource(String logicalId, String type, Value properties, List<String> transforms) {
        ScalarNode key = ScalarNode.string(logicalId, at(RESOURCE_LINE, 3));
        ScalarNode typeKey = ScalarNode.string("Type", at(TYPE_LINE, 5));
        ScalarNode typeValue = ScalarNode.string(type, at(TYPE_LINE, 11));
        MappingNode node = new MappingNode(List.of(new MappingNode.Entry(typeKey, typeValue)), at(TYPE_LINE, 5));
        Resource resource = new Resource(logicalId, type, key.span(), node);
        MappingNode resources = new MappingNode(List.of(new MappingNode.Entry(key, node)), at(RESOURCE_LINE, 3));
        MappingNode root = new MappingNode(List.of(new MappingNode.Entry(
                ScalarNode.string("Resources", Span.synthetic(FILE)), resources)), Span.synthetic(FILE));
        Template template = new Template(FILE, Template.Format.YAML, root, Map.of(), Map.of(logicalId, resource),
                transforms);
        return new ResourceContext(template, resource, properties);
    }
}
