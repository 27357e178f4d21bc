package dev.portcullis.parse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlVersionException;

import dev.portcullis.model.InputException;
import dev.portcullis.model.IntrinsicNode;
import dev.portcullis.model.MappingNode;
import dev.portcullis.model.Node;
import dev.portcullis.model.ScalarNode;
import dev.portcullis.model.SequenceNode;
import dev.portcullis.model.Span;

/**
 * Reads YAML text into the template tree from SnakeYAML Engine's event stream, in one pass and without
 * recursion. Building from events rather than from SnakeYAML's composed nodes lets it stop at the nesting
 * limit before the rest of a deep document is read, resolve scalars as YAML 1.1 (see {@link YamlScalars}),
 * turn short-form tags into intrinsics, and share aliased nodes instead of copying them while still
 * counting what a consumer walking the tree would see.
 */
final class YamlTreeReader {

    private static final LoadSettings SETTINGS = LoadSettings.builder()
            .setCodePointLimit((int) TemplateParser.MAX_BYTES)
            .setUseMarks(true)
            .setParseComments(false)
            .build();

    private static final String STR_TAG = YamlScalars.YAML_TAG_PREFIX + "str";
    private static final String MAP_TAG = YamlScalars.YAML_TAG_PREFIX + "map";
    private static final String SEQ_TAG = YamlScalars.YAML_TAG_PREFIX + "seq";
    /** The non-specific tag {@code !}: the node is a plain string, map or list. */
    private static final String NON_SPECIFIC_TAG = "!";
    private static final String MERGE_KEY = "<<";

    private final String file;
    private final ArrayDeque<Frame> open = new ArrayDeque<>();
    private final Map<String, Anchored> anchors = new HashMap<>();
    /** Nodes of the tree as a consumer expanding every alias would see them. */
    private long expanded;
    private int lastLine = 1;
    private int documents;
    private Node root;

    private YamlTreeReader(String file) {
        this.file = file;
    }

    /** The root node of {@code text}, or null when the stream holds no document (only comments). */
    static Node read(String file, String text) {
        YamlTreeReader reader = new YamlTreeReader(file);
        try {
            Iterator<Event> events = new Parse(SETTINGS).parseString(text).iterator();
            while (events.hasNext()) {
                reader.on(events.next());
            }
            return reader.root;
        } catch (MarkedYamlEngineException e) {
            Mark at = e.getProblemMark().or(e::getContextMark).orElse(null);
            Integer line = at == null ? reader.lastLine : at.getLine() + 1;
            throw new InputException(file, line, "invalid YAML: " + describe(e), e);
        } catch (ReaderException e) {
            throw new InputException(file, lineOfCodePoint(text, e.getPosition()),
                    "invalid YAML: character " + String.format("U+%04X", e.getCodePoint()) + " is not allowed", e);
        } catch (YamlVersionException e) {
            throw new InputException(file, reader.lastLine, "invalid YAML: unsupported %YAML version directive", e);
        } catch (YamlEngineException | IllegalArgumentException e) {
            throw new InputException(file, reader.lastLine, "invalid YAML: "
                    + Snippet.oneLine(JsonTreeReader.firstLine(e.getMessage())), e);
        }
    }

    private void on(Event event) {
        event.getStartMark().ifPresent(m -> lastLine = m.getLine() + 1);
        switch (event.getEventId()) {
            case DocumentStart -> {
                if (++documents > 1) {
                    throw new InputException(file, lastLine, "expected one YAML document, found a second one");
                }
            }
            case Scalar -> onScalar((ScalarEvent) event);
            case Alias -> onAlias((AliasEvent) event);
            case MappingStart -> onCollectionStart((CollectionStartEvent) event, true);
            case SequenceStart -> onCollectionStart((CollectionStartEvent) event, false);
            case MappingEnd, SequenceEnd -> onCollectionEnd(event);
            default -> {
                // stream and document boundaries, comments: nothing to build
            }
        }
    }

    private void onScalar(ScalarEvent event) {
        if (open.peek() instanceof MappingFrame mapping && mapping.expectsKey()) {
            onKeyScalar(mapping, event);
            return;
        }
        Node node = scalar(event);
        // a scalar, or a short-form call around a scalar, or !GetAtt around a list of parts
        List<Node> parts = node instanceof IntrinsicNode call && call.argument() instanceof SequenceNode list
                ? list.items() : List.of();
        long weight = node instanceof IntrinsicNode ? 2 + parts.size() : 1;
        int height = node instanceof IntrinsicNode ? (parts.isEmpty() ? 2 : 3) : 1;
        count(weight);
        event.getAnchor().ifPresent(a -> anchors.put(a.getValue(),
                new Anchored(node, weight, height, keyText(event), isPlainUntagged(event))));
        deliver(node, weight, height, end(event));
    }

    private void onKeyScalar(MappingFrame mapping, ScalarEvent event) {
        Span span = span(event);
        String tag = event.getTag().orElse(null);
        if (keyText(event) == null) {
            throw new InputException(span, "a mapping key must be a string, not tagged " + YamlScalars.displayTag(tag));
        }
        boolean plain = isPlainUntagged(event);
        setKey(mapping, event.getValue(), plain, span);
        event.getAnchor().ifPresent(a -> anchors.put(a.getValue(), new Anchored(
                new ScalarNode(plain ? YamlScalars.resolvePlain(event.getValue()) : event.getValue(), !plain, span),
                1, 1, event.getValue(), plain)));
    }

    private void setKey(MappingFrame mapping, String text, boolean plain, Span span) {
        count(1);
        mapping.weight++;
        if (plain && text.equals(MERGE_KEY)) {
            mapping.mergePending = true;
        } else if (plain && YamlScalars.isNull(text)) {
            throw new InputException(span, "a mapping key must not be null or empty");
        } else {
            // Keys keep their source text: `80:` is the key "80" and `0755:` stays "0755" (cfn-lint makes it 493).
            mapping.key = new ScalarNode(text, !plain, span);
        }
    }

    private void onAlias(AliasEvent event) {
        String name = event.getAlias().getValue();
        Span span = span(event);
        Anchored target = anchors.get(name);
        if (target == null) {
            throw new InputException(span, "alias *" + Snippet.escape(name) + " refers to no anchor defined before it");
        }
        if (open.peek() instanceof MappingFrame mapping && mapping.expectsKey()) {
            if (target.keyText() == null) {
                throw new InputException(span, "alias *" + Snippet.escape(name) + " is used as a key but does not refer to a string");
            }
            setKey(mapping, target.keyText(), target.plainKey(), span);
            return;
        }
        count(target.weight());
        deliver(target.node(), target.weight(), target.height(), end(event));
    }

    private void onCollectionStart(CollectionStartEvent event, boolean isMapping) {
        Frame parent = open.peek();
        Span span = span(event);
        if (parent instanceof MappingFrame mapping && mapping.expectsKey()) {
            throw new InputException(span, "a mapping key must be a string, not a " + (isMapping ? "mapping" : "list"));
        }
        String function = collectionFunction(event, isMapping, span);
        int wrappers = function == null ? 0 : 1;
        int depth = (parent == null ? 0 : parent.depth) + 1 + wrappers;
        if (depth > TemplateParser.MAX_DEPTH) {
            throw new InputException(span, "nested deeper than " + TemplateParser.MAX_DEPTH + " levels");
        }
        count(1 + wrappers);
        Mark start = event.getStartMark().orElseThrow();
        String anchor = event.getAnchor().map(a -> a.getValue()).orElse(null);
        Frame frame = isMapping
                ? new MappingFrame(start, anchor, function, event.isFlow(), depth)
                : new SequenceFrame(start, anchor, function, event.isFlow(), depth);
        frame.weight = 1 + wrappers;
        open.push(frame);
    }

    private void onCollectionEnd(Event event) {
        Frame frame = open.pop();
        // A block collection ends with its last value; its end event sits at the start of whatever follows.
        Mark end = frame.flow || frame.lastEnd == null ? end(event) : frame.lastEnd;
        Span span = span(frame.start, end);
        Node node = frame instanceof MappingFrame mapping
                ? mapping.entries.build(span)
                : new SequenceNode(((SequenceFrame) frame).items, span);
        int height = frame.childHeight + 1;
        if (frame.function != null) {
            node = new IntrinsicNode(frame.function, node, span);
            height++;
        }
        if (frame.anchor != null) {
            anchors.put(frame.anchor, new Anchored(node, frame.weight, height, null, false));
        }
        deliver(node, frame.weight, height, end);
    }

    /** Hands a finished node to the collection it belongs to, or makes it the root. */
    private void deliver(Node node, long weight, int height, Mark end) {
        Frame parent = open.peek();
        if (parent == null) {
            root = node;
            return;
        }
        if (parent.depth + height > TemplateParser.MAX_DEPTH) {
            throw new InputException(file, end.getLine() + 1,
                    "nested deeper than " + TemplateParser.MAX_DEPTH + " levels (through an alias)");
        }
        parent.weight += weight;
        parent.childHeight = Math.max(parent.childHeight, height);
        parent.lastEnd = end;
        if (parent instanceof SequenceFrame sequence) {
            sequence.items.add(node);
        } else {
            MappingFrame mapping = (MappingFrame) parent;
            if (mapping.mergePending) {
                mapping.mergePending = false;
                merge(mapping, node);
            } else {
                mapping.entries.add(mapping.key, node);
                mapping.key = null;
            }
        }
    }

    /** {@code <<: *base} or {@code <<: [*a, *b]}; earlier mappings in the list win, as in PyYAML. */
    private void merge(MappingFrame mapping, Node value) {
        if (value instanceof MappingNode single) {
            mapping.entries.merge(single.entries());
        } else if (value instanceof SequenceNode list && list.items().stream().allMatch(MappingNode.class::isInstance)) {
            for (int i = list.size() - 1; i >= 0; i--) {
                mapping.entries.merge(((MappingNode) list.get(i)).entries());
            }
        } else {
            throw new InputException(value.span(), "the merge key << needs a mapping or a list of mappings");
        }
    }

    private void count(long nodes) {
        expanded += nodes;
        if (expanded > TemplateParser.MAX_NODES) {
            throw new InputException(file, lastLine, "more than " + TemplateParser.MAX_NODES
                    + " nodes once aliases are expanded");
        }
    }

    private Node scalar(ScalarEvent event) {
        String tag = event.getTag().orElse(null);
        String text = event.getValue();
        Span span = span(event);
        if (tag == null) {
            return event.isPlain()
                    ? new ScalarNode(YamlScalars.resolvePlain(text), false, span)
                    : new ScalarNode(text, true, span);
        }
        if (tag.equals(NON_SPECIFIC_TAG)) {
            return new ScalarNode(text, true, span);
        }
        String function = ShortFormTags.function(tag);
        if (function != null) {
            return shortForm(function, event, span);
        }
        if (tag.equals(MAP_TAG) || tag.equals(SEQ_TAG)) {
            throw new InputException(span, "tag " + YamlScalars.displayTag(tag) + " cannot be used on a scalar");
        }
        if (!tag.startsWith(YamlScalars.YAML_TAG_PREFIX)) {
            throw new InputException(span, "unknown tag " + Snippet.escape(tag));
        }
        try {
            return new ScalarNode(YamlScalars.resolveTagged(tag, text), tag.equals(STR_TAG), span);
        } catch (IllegalArgumentException e) {
            throw new InputException(span, e.getMessage());
        }
    }

    /** {@code !Ref x} and friends; {@code !GetAtt a.b.c} becomes {@code Fn::GetAtt: [a, b.c]}, as cfn-lint has it. */
    private Node shortForm(String function, ScalarEvent event, Span span) {
        String text = event.getValue();
        boolean quoted = !event.isPlain();
        Span textSpan = textSpan(event, span);
        if (!function.equals("Fn::GetAtt")) {
            return new IntrinsicNode(function, new ScalarNode(text, quoted, textSpan), span);
        }
        int dot = text.indexOf('.');
        List<Node> parts = new ArrayList<>(2);
        if (dot < 0) {
            parts.add(new ScalarNode(text, quoted, textSpan));
        } else {
            boolean exact = !textSpan.equals(span);
            Span first = exact ? new Span(file, textSpan.line(), textSpan.column(), textSpan.line(),
                    textSpan.column() + dot) : span;
            Span second = exact ? new Span(file, textSpan.line(), textSpan.column() + dot + 1, textSpan.line(),
                    textSpan.endColumn()) : span;
            parts.add(new ScalarNode(text.substring(0, dot), quoted, first));
            parts.add(new ScalarNode(text.substring(dot + 1), quoted, second));
        }
        return new IntrinsicNode(function, new SequenceNode(parts, textSpan), span);
    }

    /**
     * The span of a tagged scalar's text without the tag in front of it, when that can be told exactly
     * (a plain scalar on one line); otherwise the whole span.
     */
    private Span textSpan(ScalarEvent event, Span whole) {
        if (!event.isPlain() || whole.line() != whole.endLine()) {
            return whole;
        }
        int start = whole.endColumn() - event.getValue().length();
        return start > whole.column()
                ? new Span(file, whole.line(), start, whole.endLine(), whole.endColumn())
                : whole;
    }

    private String collectionFunction(CollectionStartEvent event, boolean isMapping, Span span) {
        String tag = event.getTag().orElse(null);
        if (tag == null || tag.equals(NON_SPECIFIC_TAG) || tag.equals(isMapping ? MAP_TAG : SEQ_TAG)) {
            return null;
        }
        String function = ShortFormTags.function(tag);
        if (function != null) {
            return function;
        }
        if (tag.startsWith(YamlScalars.YAML_TAG_PREFIX)) {
            throw new InputException(span, "tag " + YamlScalars.displayTag(tag) + " cannot be used on a "
                    + (isMapping ? "mapping" : "list"));
        }
        throw new InputException(span, "unknown tag " + Snippet.escape(tag));
    }

    /** The text a scalar contributes when used as a mapping key, or null when its tag rules that out. */
    private static String keyText(ScalarEvent event) {
        String tag = event.getTag().orElse(null);
        return tag == null || tag.equals(NON_SPECIFIC_TAG) || tag.equals(STR_TAG) ? event.getValue() : null;
    }

    private static boolean isPlainUntagged(ScalarEvent event) {
        return event.isPlain() && event.getTag().isEmpty();
    }

    private Span span(Event event) {
        return span(event.getStartMark().orElseThrow(), end(event));
    }

    private static Mark end(Event event) {
        return event.getEndMark().orElseThrow();
    }

    private Span span(Mark start, Mark end) {
        return new Span(file, start.getLine() + 1, start.getColumn() + 1, end.getLine() + 1, end.getColumn() + 1);
    }

    private static String describe(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "syntax error" : e.getProblem();
        String text = e.getContext() == null ? problem : problem + " (" + e.getContext() + ")";
        return Snippet.oneLine(text.replace('\n', ' '));
    }

    private static int lineOfCodePoint(String text, int codePointIndex) {
        int line = 1;
        int cp = 0;
        for (int i = 0; i < text.length() && cp < codePointIndex; i += Character.charCount(text.codePointAt(i)), cp++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** A node an alias can stand for, with what copying it would cost a consumer. */
    private record Anchored(Node node, long weight, int height, String keyText, boolean plainKey) {
    }

    /** An open mapping or list, filled as its children's events arrive. */
    private abstract static class Frame {
        final Mark start;
        final String anchor;
        final String function;
        final boolean flow;
        final int depth;
        long weight;
        int childHeight;
        Mark lastEnd;

        Frame(Mark start, String anchor, String function, boolean flow, int depth) {
            this.start = start;
            this.anchor = anchor;
            this.function = function;
            this.flow = flow;
            this.depth = depth;
        }
    }

    private static final class MappingFrame extends Frame {
        final MappingBuilder entries = new MappingBuilder();
        ScalarNode key;
        boolean mergePending;

        MappingFrame(Mark start, String anchor, String function, boolean flow, int depth) {
            super(start, anchor, function, flow, depth);
        }

        boolean expectsKey() {
            return key == null && !mergePending;
        }
    }

    private static final class SequenceFrame extends Frame {
        final List<Node> items = new ArrayList<>();

        SequenceFrame(Mark start, String anchor, String function, boolean flow, int depth) {
            super(start, anchor, function, flow, depth);
        }
    }
}
