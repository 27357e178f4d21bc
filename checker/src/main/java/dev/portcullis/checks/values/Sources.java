package dev.portcullis.checks.values;

import java.util.HashMap;
import java.util.Map;

import dev.portcullis.engine.Memo;
import dev.portcullis.engine.ResourceContext;
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
 * The template text behind evaluated values of one resource. An evaluated value keeps the span of the node it came
 * from, so a check can ask how a value was written: a literal, a {@code Ref} to a parameter (which one, and is it
 * {@code NoEcho}?), an {@code Fn::Sub} whose fixed text is known even when a variable is not. The index is built on
 * first use only, since most values never need it.
 */
public final class Sources {

    private static final Memo.Key<Sources> KEY = Memo.Key.named("sources");

    private final Template template;
    private final Resource resource;
    private Map<Span, Node> bySpan;

    public Sources(Template template, Resource resource) {
        this.template = template;
        this.resource = resource;
    }

    /** The sources of the context's resource, shared by every check of the template's evaluation. */
    public static Sources of(ResourceContext context) {
        return of(context, context.resource());
    }

    /**
     * The sources of any resource of the context's template, shared by every check of the template's evaluation:
     * the index of a resource's text is built at most once, however many rules and scenarios ask.
     */
    public static Sources of(ResourceContext context, Resource resource) {
        return context.perResource(resource, KEY, () -> new Sources(context.template(), resource));
    }

    public Template template() {
        return template;
    }

    /** The node of this resource written at {@code span}, or null (e.g. a value from a parameter's default). */
    public Node nodeAt(Span span) {
        if (span == null) {
            return null;
        }
        if (bySpan == null) {
            bySpan = new HashMap<>();
            index(resource.node());
        }
        return bySpan.get(span);
    }

    /** The parameter a value was taken from when it is written as {@code Ref: Name}, else null. */
    public Parameter referencedParameter(Span span) {
        Node node = nodeAt(span);
        if (node instanceof IntrinsicNode ref && ref.function().equals("Ref")
                && ref.argument() instanceof ScalarNode name && name.isString()) {
            return template.parameters().get((String) name.value());
        }
        return null;
    }

    public boolean isResource(String logicalId) {
        return template.resources().containsKey(logicalId);
    }

    public boolean isParameter(String name) {
        return template.parameters().containsKey(name);
    }

    // Parents before children, first wins: a short-form tag and its argument can share a span, and the
    // intrinsic is what tells how the value was written.
    private void index(Node node) {
        bySpan.putIfAbsent(node.span(), node);
        if (node instanceof MappingNode m) {
            for (MappingNode.Entry e : m.entries()) {
                index(e.value());
            }
        } else if (node instanceof SequenceNode s) {
            for (Node item : s.items()) {
                index(item);
            }
        } else if (node instanceof IntrinsicNode f) {
            index(f.argument());
        }
    }
}
