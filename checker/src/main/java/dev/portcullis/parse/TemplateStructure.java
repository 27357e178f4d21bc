package dev.portcullis.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.portcullis.model.InputException;
import dev.portcullis.model.IntrinsicNode;
import dev.portcullis.model.MappingNode;
import dev.portcullis.model.Node;
import dev.portcullis.model.Parameter;
import dev.portcullis.model.Resource;
import dev.portcullis.model.ScalarNode;
import dev.portcullis.model.SequenceNode;
import dev.portcullis.model.Span;
import dev.portcullis.model.Template;

/**
 * Checks that a parsed tree has the shape of a CloudFormation template and indexes its sections into a
 * {@link Template}: the top level is a mapping, {@code Resources} is a mapping of resources that each have a
 * string {@code Type}, {@code Parameters} is a mapping of mappings, and {@code Transform} names transforms.
 */
final class TemplateStructure {

    /** Keys of AWS::LanguageExtensions loops; the value is a list the resolver expands, not a resource. */
    private static final String FOR_EACH_PREFIX = "Fn::ForEach::";

    private TemplateStructure() {
    }

    static Template assemble(String file, Template.Format format, Node root) {
        if (!(root instanceof MappingNode top)) {
            if (root instanceof IntrinsicNode) {
                throw new InputException(root.span(), "no Resources section");
            }
            throw new InputException(root.span(), "top-level value is " + describe(root) + ", expected a mapping");
        }
        Map<String, Resource> resources = resources(top);
        Map<String, Parameter> parameters = parameters(top);
        return new Template(file, format, top, parameters, resources, transforms(top));
    }

    private static Map<String, Resource> resources(MappingNode top) {
        MappingNode.Entry section = top.entry("Resources")
                .orElseThrow(() -> new InputException(top.span(), "no Resources section"));
        if (!(section.value() instanceof MappingNode resources)) {
            throw new InputException(at(section), "Resources must be a mapping, found " + describe(section.value()));
        }
        Map<String, Resource> out = new LinkedHashMap<>();
        for (MappingNode.Entry entry : resources.entries()) {
            String id = entry.name();
            if (id.startsWith(FOR_EACH_PREFIX)) {
                continue;
            }
            if (!(entry.value() instanceof MappingNode body)) {
                throw new InputException(at(entry), "resource " + Snippet.quote(id) + " must be a mapping, found "
                        + describe(entry.value()));
            }
            Node type = body.get("Type");
            if (type == null) {
                throw new InputException(entry.key().span(), "resource " + Snippet.quote(id) + " has no Type");
            }
            if (!(type instanceof ScalarNode scalar && scalar.value() instanceof String name) || name.isBlank()) {
                throw new InputException(type.span(), "resource " + Snippet.quote(id) + " has a Type that is not a resource type name"
                        + " (found " + describe(type) + ")");
            }
            out.put(id, new Resource(id, name, entry.key().span(), body));
        }
        return out;
    }

    private static Map<String, Parameter> parameters(MappingNode top) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        MappingNode.Entry section = top.entry("Parameters").orElse(null);
        if (section == null) {
            return out;
        }
        if (!(section.value() instanceof MappingNode parameters)) {
            throw new InputException(at(section), "Parameters must be a mapping, found " + describe(section.value()));
        }
        for (MappingNode.Entry entry : parameters.entries()) {
            if (!(entry.value() instanceof MappingNode body)) {
                throw new InputException(at(entry), "parameter " + Snippet.quote(entry.name()) + " must be a mapping, found "
                        + describe(entry.value()));
            }
            out.put(entry.name(), new Parameter(entry.name(), entry.key().span(), body));
        }
        return out;
    }

    /** {@code Transform: Name}, {@code Transform: [A, B]}, or the mapping form {@code {Name: ..., Parameters: ...}}. */
    private static List<String> transforms(MappingNode top) {
        Node node = top.get("Transform");
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node instanceof SequenceNode list) {
            for (Node item : list.items()) {
                out.add(transformName(item));
            }
        } else {
            out.add(transformName(node));
        }
        return out;
    }

    private static String transformName(Node node) {
        if (node instanceof ScalarNode s && s.value() instanceof String name) {
            return name;
        }
        if (node instanceof MappingNode m && m.string("Name") != null) {
            return m.string("Name");
        }
        throw new InputException(node.span(), "Transform must name a transform (a string, or a mapping with Name),"
                + " found " + describe(node));
    }

    /** Where to point for a bad section value: the value itself, unless it is empty, then its key. */
    private static Span at(MappingNode.Entry entry) {
        return entry.value() instanceof ScalarNode s && s.isNull() ? entry.key().span() : entry.value().span();
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof IntrinsicNode call) {
            return "an intrinsic function (" + call.function() + ")";
        }
        Object value = ((ScalarNode) node).value();
        if (value == null) {
            return "nothing (null)";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return "a number";
    }
}
