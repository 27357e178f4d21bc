package dev.portcullis.checks.values;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.portcullis.model.IntrinsicNode;
import dev.portcullis.model.MappingNode;
import dev.portcullis.model.Node;
import dev.portcullis.model.ScalarNode;
import dev.portcullis.model.SequenceNode;
import dev.portcullis.resolve.SubText;
import dev.portcullis.resolve.Value;

/**
 * A string value as far as the template determines it: fixed text and gaps the deployment fills. The resolver
 * turns {@code !Sub arn:${AWS::Partition}:s3:::${Name}/*} into an unknown value when the region or the parameter is
 * not given, yet its fixed text already says it is not {@code *}. Checks ask their questions of this shape so
 * that such values are decided instead of reported as unknown.
 */
public record PartialText(List<Piece> pieces) {

    /** One piece of the text. */
    public sealed interface Piece permits Fixed, Gap {
    }

    /** Text written in the template. */
    public record Fixed(String text) implements Piece {
    }

    /**
     * Text filled at deployment. {@code open} gaps may hold anything (a parameter, an imported value); closed
     * ones hold a value AWS assigns (a resource's name or ARN, the account id), which is never a wildcard or a
     * secret written by someone.
     */
    public record Gap(String name, boolean open) implements Piece {
    }

    public PartialText {
        pieces = List.copyOf(pieces);
    }

    public static PartialText fixed(String text) {
        return new PartialText(List.of(new Fixed(text)));
    }

    /** The shape of {@code value}; lists and mappings are one open gap (they are not text). */
    public static PartialText of(Value value, Sources sources) {
        if (value instanceof Value.Scalar s) {
            return fixed(s.text());
        }
        if (value instanceof Value.Symbolic sym) {
            return ofSymbolic(sym.text());
        }
        if (value instanceof Value.Unknown u) {
            Node node = sources == null ? null : sources.nodeAt(u.span());
            if (node != null) {
                List<Piece> out = new ArrayList<>();
                append(node, sources, out, 0);
                return new PartialText(out);
            }
            return new PartialText(List.of(new Gap(u.reason(), true)));
        }
        return new PartialText(List.of(new Gap("a " + (value instanceof Value.Seq ? "list" : "mapping"), true)));
    }

    /** The whole text when nothing is left open, else null. */
    public String literal() {
        if (pieces.size() == 1 && pieces.get(0) instanceof Fixed f) {
            return f.text();
        }
        if (pieces.isEmpty()) {
            return "";
        }
        return null;
    }

    public boolean hasOpenGap() {
        return pieces.stream().anyMatch(p -> p instanceof Gap g && g.open());
    }

    /** The fixed text only, gaps dropped: what the template itself spells out. */
    public String fixedText() {
        StringBuilder out = new StringBuilder();
        for (Piece p : pieces) {
            if (p instanceof Fixed f) {
                out.append(f.text());
            }
        }
        return out.toString();
    }

    /** Is the value exactly {@code *}? A closed gap never is; fixed text other than stars rules it out. */
    public Answer isWildcard() {
        String literal = literal();
        if (literal != null) {
            return Answer.of(literal.equals("*"));
        }
        String fixed = fixedText();
        return fixed.chars().allMatch(c -> c == '*') && hasOpenGap() ? Answer.MAYBE : Answer.NO;
    }

    /** Does the value end with {@code suffix} (case-insensitively)? */
    public Answer endsWithIgnoreCase(String suffix) {
        if (pieces.isEmpty()) {
            return Answer.of(suffix.isEmpty());
        }
        Piece last = pieces.get(pieces.size() - 1);
        if (last instanceof Fixed f) {
            String text = f.text().toLowerCase(Locale.ROOT);
            String end = suffix.toLowerCase(Locale.ROOT);
            if (text.endsWith(end)) {
                return Answer.YES;
            }
            // The suffix may straddle a gap only if the fixed tail is a tail of the suffix.
            boolean straddles = pieces.size() > 1 && end.endsWith(text) && hasOpenGap();
            return straddles ? Answer.MAYBE : Answer.NO;
        }
        return ((Gap) last).open() ? Answer.MAYBE : Answer.NO;
    }

    /** The text with gaps written {@code ${name}}, for messages. */
    public String display() {
        StringBuilder out = new StringBuilder();
        for (Piece p : pieces) {
            if (p instanceof Fixed f) {
                out.append(f.text());
            } else {
                out.append("${").append(((Gap) p).name()).append('}');
            }
        }
        return out.toString();
    }

    private static PartialText ofSymbolic(String text) {
        List<Piece> out = new ArrayList<>();
        for (SubText.Part part : SubText.parse(text).parts()) {
            if (part instanceof SubText.Literal l) {
                addFixed(out, l.text());
            } else {
                out.add(new Gap(((SubText.Variable) part).name(), false));
            }
        }
        return new PartialText(out);
    }

    private static final int MAX_DEPTH = 16;

    private static void append(Node node, Sources sources, List<Piece> out, int depth) {
        if (depth > MAX_DEPTH) {
            out.add(new Gap("deeply nested value", true));
            return;
        }
        if (node instanceof ScalarNode s) {
            addFixed(out, s.text());
            return;
        }
        if (!(node instanceof IntrinsicNode f)) {
            out.add(new Gap("a " + (node instanceof SequenceNode ? "list" : "mapping"), true));
            return;
        }
        switch (f.function()) {
            case "Ref":
                out.add(reference(f.argument() instanceof ScalarNode s ? s.text() : "?", sources));
                return;
            case "Fn::GetAtt":
                out.add(new Gap(attributeName(f.argument()), false));
                return;
            case "Fn::Sub":
                appendSub(f, sources, out, depth);
                return;
            case "Fn::Join":
                appendJoin(f, sources, out, depth);
                return;
            case "Fn::ImportValue":
                // Stacks export identifiers (ARNs, ids, names) of what they created, not wildcards.
                out.add(new Gap(f.function(), false));
                return;
            case "Fn::FindInMap":
                out.add(new Gap(f.function(), MappingValues.mayHoldWildcard(f, sources.template())));
                return;
            case "Fn::Split":
            case "Fn::Select":
                // A piece of a value is open only if the whole may hold a wildcard.
                out.add(new Gap(f.function(), pieceOf(f, sources, depth)));
                return;
            default:
                out.add(new Gap(f.function(), true));
        }
    }

    /** Whether a piece cut by Fn::Split or picked by Fn::Select from its source may be a wildcard. */
    private static boolean pieceOf(IntrinsicNode f, Sources sources, int depth) {
        if (!(f.argument() instanceof SequenceNode args) || args.size() != 2) {
            return true;
        }
        Node source = args.get(1);
        List<Node> parts = source instanceof SequenceNode list ? list.items() : List.of(source);
        for (Node part : parts) {
            List<Piece> pieces = new ArrayList<>();
            append(part, sources, pieces, depth + 1);
            for (Piece p : pieces) {
                if (p instanceof Gap g ? g.open() : ((Fixed) p).text().contains("*")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void appendSub(IntrinsicNode f, Sources sources, List<Piece> out, int depth) {
        String text;
        MappingNode variables = null;
        if (f.argument() instanceof ScalarNode s) {
            text = s.text();
        } else if (f.argument() instanceof SequenceNode seq && seq.size() == 2
                && seq.get(0) instanceof ScalarNode s && seq.get(1) instanceof MappingNode m) {
            text = s.text();
            variables = m;
        } else {
            out.add(new Gap("Fn::Sub", true));
            return;
        }
        for (SubText.Part part : SubText.parse(text).parts()) {
            if (part instanceof SubText.Literal l) {
                addFixed(out, l.text());
                continue;
            }
            String name = ((SubText.Variable) part).name();
            if (variables != null && variables.has(name)) {
                append(variables.get(name), sources, out, depth + 1);
            } else if (name.indexOf('.') > 0 && !sources.isParameter(name)) {
                out.add(new Gap(name, false));
            } else {
                out.add(reference(name, sources));
            }
        }
    }

    private static void appendJoin(IntrinsicNode f, Sources sources, List<Piece> out, int depth) {
        if (!(f.argument() instanceof SequenceNode args) || args.size() != 2
                || !(args.get(0) instanceof ScalarNode delimiter) || !(args.get(1) instanceof SequenceNode items)) {
            out.add(new Gap("Fn::Join", true));
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                addFixed(out, delimiter.text());
            }
            append(items.get(i), sources, out, depth + 1);
        }
    }

    private static Gap reference(String name, Sources sources) {
        if (sources.isParameter(name)) {
            // Open unless the parameter's type or constraints rule out a "*".
            return new Gap(name, !ParameterConstraints.excludeWildcard(sources.template().parameters().get(name)));
        }
        // Pseudo-parameters and resources: values AWS assigns.
        return new Gap(name, !(name.startsWith("AWS::") || sources.isResource(name)));
    }

    private static String attributeName(Node argument) {
        if (argument instanceof ScalarNode s) {
            return s.text();
        }
        if (argument instanceof SequenceNode seq && seq.size() == 2
                && seq.get(0) instanceof ScalarNode id && seq.get(1) instanceof ScalarNode attribute) {
            return id.text() + "." + attribute.text();
        }
        return "Fn::GetAtt";
    }

    private static void addFixed(List<Piece> out, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (!out.isEmpty() && out.get(out.size() - 1) instanceof Fixed previous) {
            out.set(out.size() - 1, new Fixed(previous.text() + text));
        } else {
            out.add(new Fixed(text));
        }
    }
}
