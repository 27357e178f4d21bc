package dev.portcullis.resolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.portcullis.model.InputException;
import dev.portcullis.model.IntrinsicNode;
import dev.portcullis.model.MappingNode;
import dev.portcullis.model.Node;
import dev.portcullis.model.Resource;
import dev.portcullis.model.ScalarNode;
import dev.portcullis.model.SequenceNode;
import dev.portcullis.model.Span;
import dev.portcullis.model.Template;

/**
 * Expands {@code Fn::ForEach::Name: [Identifier, Collection, {OutputKey: body}]} loops of the
 * {@code AWS::LanguageExtensions} transform in the Conditions, Resources and Outputs sections, as CloudFormation
 * does before deploying. The generated nodes keep the spans of the loop body, so findings on a generated
 * resource point at the lines the user wrote. The transform's other features (Fn::Length, Fn::ToJsonString,
 * Fn::FindInMap defaults) are evaluated by the resolver.
 */
public final class LanguageExtensions {

    public static final String TRANSFORM = "AWS::LanguageExtensions";

    static final String FOR_EACH_PREFIX = "Fn::ForEach::";

    private static final List<String> SECTIONS = List.of("Conditions", "Resources", "Outputs");
    private static final Pattern LOGICAL_ID = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^A-Za-z0-9]");

    private LanguageExtensions() {
    }

    /**
     * The template with its loops expanded; the same template when it has none. A loop whose collection the
     * inputs do not determine is left in place and described in the notes.
     *
     * @throws InputException when a loop is malformed or produces duplicate or invalid names
     */
    public static Expansion expand(Template template, Inputs inputs) {
        List<Expansion.Note> notes = new ArrayList<>();
        if (!hasLoops(template)) {
            return new Expansion(template, notes);
        }
        if (!template.hasTransform(TRANSFORM)) {
            forEachLoop(template, (section, entry) -> notes.add(new Expansion.Note(entry.key().span(), entry.name() + " needs 'Transform: " + TRANSFORM + "'; it was not expanded")));
            return new Expansion(template, notes);
        }
        Evaluator collections = new Evaluator(template, new EffectiveParameters(template, inputs), new PseudoParameters(inputs));
        Expander expander = new Expander(collections, notes);
        List<MappingNode.Entry> rootEntries = new ArrayList<>();
        for (MappingNode.Entry e : template.root().entries()) {
            if (SECTIONS.contains(e.name()) && e.value() instanceof MappingNode section) {
                List<MappingNode.Entry> expanded = expander.expandSection(e.name(), section);
                rootEntries.add(new MappingNode.Entry(e.key(), new MappingNode(expanded, section.span())));
            } else {
                rootEntries.add(e);
            }
        }
        MappingNode root = new MappingNode(rootEntries, template.root().span());
        Template out = new Template(template.file(), template.format(), root, template.parameters(),
                resources(root.mapping("Resources")), template.transforms());
        return new Expansion(out, notes);
    }

    private static boolean hasLoops(Template template) {
        boolean[] any = {false};
        forEachLoop(template, (section, entry) -> any[0] = true);
        return any[0];
    }

    private interface LoopVisitor {
        void visit(String section, MappingNode.Entry loop);
    }

    private static void forEachLoop(Template template, LoopVisitor visitor) {
        for (String name : SECTIONS) {
            MappingNode section = template.section(name);
            if (section == null) {
                continue;
            }
            for (MappingNode.Entry e : section.entries()) {
                if (e.name().startsWith(FOR_EACH_PREFIX)) {
                    visitor.visit(name, e);
                }
            }
        }
    }

    private static Map<String, Resource> resources(MappingNode section) {
        Map<String, Resource> out = new LinkedHashMap<>();
        if (section == null) {
            return out;
        }
        for (MappingNode.Entry e : section.entries()) {
            if (e.name().startsWith(FOR_EACH_PREFIX)) {
                continue; // left unexpanded, with a note
            }
            if (!(e.value() instanceof MappingNode body) || body.string("Type") == null) {
                throw new InputException(e.key().span(), "resource " + e.name() + " has no Type");
            }
            out.put(e.name(), new Resource(e.name(), body.string("Type"), e.key().span(), body));
        }
        return out;
    }

    /** Expands the loops of one section, substituting loop identifiers in keys and values. */
    private static final class Expander {

        private final Evaluator collections;
        private final List<Expansion.Note> notes;

        Expander(Evaluator collections, List<Expansion.Note> notes) {
            this.collections = collections;
            this.notes = notes;
        }

        List<MappingNode.Entry> expandSection(String section, MappingNode mapping) {
            List<MappingNode.Entry> out = new ArrayList<>();
            expand(section, mapping, Map.of(), out);
            Map<String, Span> seen = new HashMap<>();
            for (MappingNode.Entry e : out) {
                Span earlier = seen.putIfAbsent(e.name(), e.key().span());
                if (earlier != null) {
                    throw new InputException(e.key().span(), section + " has the key '" + e.name()
                            + "' twice after Fn::ForEach expansion (also at line " + earlier.line() + ")");
                }
            }
            return out;
        }

        private void expand(String section, MappingNode mapping, Map<String, String> bindings,
                            List<MappingNode.Entry> out) {
            for (MappingNode.Entry e : mapping.entries()) {
                if (e.name().startsWith(FOR_EACH_PREFIX)) {
                    loop(section, e, bindings, out);
                    continue;
                }
                if (bindings.isEmpty()) {
                    out.add(e);
                    continue;
                }
                String key = substitute(e.name(), bindings);
                if (!section.equals("Conditions") && !LOGICAL_ID.matcher(key).matches()) {
                    throw new InputException(e.key().span(), "Fn::ForEach produces the name '" + key
                            + "', which is not alphanumeric; use &{Identifier} to drop the other characters");
                }
                out.add(new MappingNode.Entry(new ScalarNode(key, e.key().quoted(), e.key().span()),
                        substitute(e.value(), bindings)));
            }
        }

        private void loop(String section, MappingNode.Entry e, Map<String, String> bindings,
                          List<MappingNode.Entry> out) {
            String usage = e.name() + " expects [Identifier, [Collection], {OutputKey: OutputValue}]";
            if (!(e.value() instanceof SequenceNode seq) || seq.size() != 3
                    || !(seq.get(0) instanceof ScalarNode idNode) || !idNode.isString()
                    || !(seq.get(2) instanceof MappingNode body)) {
                throw new InputException(e.key().span(), usage);
            }
            String identifier = (String) idNode.value();
            if (!LOGICAL_ID.matcher(identifier).matches()) {
                throw new InputException(idNode.span(), e.name() + ": the identifier '" + identifier
                        + "' is not alphanumeric");
            }
            Node collectionNode = bindings.isEmpty() ? seq.get(1) : substitute(seq.get(1), bindings);
            Value collection = collections.resolve(collectionNode, Scenario.NONE);
            String reason = null;
            List<String> items = new ArrayList<>();
            if (collection instanceof Value.Seq list) {
                for (Value item : list.items()) {
                    if (item instanceof Value.Scalar scalar) {
                        items.add(scalar.text());
                    } else if (item instanceof Value.Unknown u) {
                        reason = u.reason();
                    } else if (item instanceof Value.Symbolic sym) {
                        reason = sym.text() + " is known only at deployment";
                    } else {
                        throw new InputException(collectionNode.span(), e.name() + ": collection items must be strings");
                    }
                }
            } else if (collection instanceof Value.Unknown u) {
                reason = u.reason();
            } else if (collection instanceof Value.Symbolic sym) {
                reason = sym.text() + " is known only at deployment";
            } else {
                throw new InputException(collectionNode.span(), e.name() + ": the collection must be a list");
            }
            if (reason != null) {
                notes.add(new Expansion.Note(e.key().span(), e.name()
                        + " was not expanded: its collection is not known (" + reason + ")"));
                out.add(bindings.isEmpty() ? e : new MappingNode.Entry(e.key(), substitute(e.value(), bindings)));
                return;
            }
            for (String item : items) {
                Map<String, String> inner = new LinkedHashMap<>(bindings);
                inner.put(identifier, item);
                expand(section, body, inner, out);
            }
        }

        /** Replaces {@code ${Id}} and {@code &{Id}} in text; the latter with non-alphanumerics dropped. */
        private static String substitute(String text, Map<String, String> bindings) {
            String out = text;
            for (Map.Entry<String, String> b : bindings.entrySet()) {
                out = out.replace("${" + b.getKey() + "}", b.getValue())
                        .replace("&{" + b.getKey() + "}", NOT_ALPHANUMERIC.matcher(b.getValue()).replaceAll(""));
            }
            return out;
        }

        /** A copy of the node with identifiers replaced; every copy keeps the span of its original. */
        private static Node substitute(Node node, Map<String, String> bindings) {
            if (node instanceof ScalarNode s) {
                return s.value() instanceof String text
                        ? new ScalarNode(substitute(text, bindings), s.quoted(), s.span()) : s;
            }
            if (node instanceof SequenceNode seq) {
                List<Node> items = new ArrayList<>(seq.size());
                for (Node item : seq.items()) {
                    items.add(substitute(item, bindings));
                }
                return new SequenceNode(items, seq.span());
            }
            if (node instanceof MappingNode m) {
                List<MappingNode.Entry> entries = new ArrayList<>(m.size());
                for (MappingNode.Entry e : m.entries()) {
                    ScalarNode key = new ScalarNode(substitute(e.name(), bindings), e.key().quoted(), e.key().span());
                    entries.add(new MappingNode.Entry(key, substitute(e.value(), bindings)));
                }
                return new MappingNode(entries, m.span());
            }
            IntrinsicNode f = (IntrinsicNode) node;
            if (f.function().equals("Ref") && f.argument() instanceof ScalarNode name
                    && bindings.containsKey(name.text())) {
                return new ScalarNode(bindings.get(name.text()), true, f.span());
            }
            return new IntrinsicNode(f.function(), substitute(f.argument(), bindings), f.span());
        }
    }
}
