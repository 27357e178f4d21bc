package dev.portcullis.catalog;

import java.util.ArrayList;
import java.util.List;

import dev.portcullis.model.Node;
import dev.portcullis.model.Span;
import dev.portcullis.resolve.Value;

/**
 * A compiled property path of the rule language: {@code A.B[0].C}, {@code List[*].Field}, {@code Tags['aws:x']},
 * {@code @DeletionPolicy} (a resource attribute), or {@code .} (the current element inside {@code each}/{@code some}).
 * Compiled once when the rule loads; {@link #walk} then follows it through a {@link Value} without parsing.
 */
public final class RulePath {

    /** One step: a mapping field, a list index, or every list element. */
    sealed interface Step permits Field, Index, AnyItem {
    }

    record Field(String name) implements Step {
    }

    record Index(int index) implements Step {
    }

    record AnyItem() implements Step {
    }

    /** What a walk found at the end of the path (or where it stopped). */
    enum HitKind { PRESENT, MISSING, UNDETERMINED }

    /**
     * One place the path leads to. {@code span} is where a finding about it points: the key of the property when
     * the value was reached through a field, the value itself for list items, and for a missing value the anchor
     * (the resource key, or the list element being iterated). {@code path} is the finding path relative to
     * {@code Properties} ({@code /}-separated), or to the resource for attributes ({@code @DeletionPolicy}).
     */
    record Hit(HitKind kind, Value value, Span span, String path) {
    }

    private static final AnyItem ANY = new AnyItem();

    private final String text;
    private final String attribute;
    private final Step[] steps;
    private final boolean wildcard;
    /** Index of the first {@code [*]} step, or the step count when there is none. */
    private final int firstWildcard;

    private RulePath(String text, String attribute, List<Step> steps) {
        this.text = text;
        this.attribute = attribute;
        this.steps = steps.toArray(new Step[0]);
        int first = this.steps.length;
        for (int i = 0; i < this.steps.length; i++) {
            if (this.steps[i] instanceof AnyItem) {
                first = i;
                break;
            }
        }
        this.firstWildcard = first;
        this.wildcard = first < this.steps.length;
    }

    /** The path as written in the rule. */
    public String text() {
        return text;
    }

    /** True when the path has a {@code [*]}: a leaf operator then quantifies over every element. */
    public boolean isWildcard() {
        return wildcard;
    }

    /** True for {@code @Attribute} paths, which start at the resource rather than at the current subject. */
    public boolean isAttribute() {
        return attribute != null;
    }

    /** The attribute name of an {@code @} path, e.g. {@code DeletionPolicy}. */
    String attribute() {
        return attribute;
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * Parses a path.
     *
     * @throws IllegalArgumentException naming what is wrong, for the load error
     */
    public static RulePath parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty path");
        }
        if (text.equals(".")) {
            return new RulePath(text, null, List.of());
        }
        List<Step> steps = new ArrayList<>();
        int i = 0;
        int n = text.length();
        String attribute = null;
        if (text.charAt(0) == '@') {
            int end = nameEnd(text, 1);
            if (end == 1) {
                throw new IllegalArgumentException("'" + text + "': '@' must be followed by an attribute name");
            }
            attribute = text.substring(1, end);
            i = end;
        } else if (text.charAt(0) != '[') {
            int end = nameEnd(text, 0);
            if (end == 0) {
                throw new IllegalArgumentException("'" + text + "': a path starts with a property name");
            }
            steps.add(new Field(text.substring(0, end)));
            i = end;
        }
        while (i < n) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = nameEnd(text, i + 1);
                if (end == i + 1) {
                    throw new IllegalArgumentException("'" + text + "': a name is missing after '.' at position "
                            + (i + 1));
                }
                steps.add(new Field(text.substring(i + 1, end)));
                i = end;
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("'" + text + "': '[' at position " + (i + 1) + " is not closed");
                }
                String inside = text.substring(i + 1, close);
                if (inside.length() >= 2 && inside.startsWith("'") && inside.endsWith("'")) {
                    steps.add(new Field(inside.substring(1, inside.length() - 1)));
                } else if (inside.equals("*")) {
                    steps.add(ANY);
                } else if (!inside.isEmpty() && inside.chars().allMatch(Character::isDigit) && inside.length() < 7) {
                    steps.add(new Index(Integer.parseInt(inside)));
                } else {
                    throw new IllegalArgumentException("'" + text + "': [" + inside
                            + "] is neither an index, [*], nor a quoted name such as ['aws:cdk']");
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException("'" + text + "': unexpected '" + c + "' at position " + (i + 1));
            }
        }
        return new RulePath(text, attribute, steps);
    }

    private static int nameEnd(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.' || c == '[' || c == ']' || c == '\'' || Character.isWhitespace(c)) {
                break;
            }
            i++;
        }
        return i;
    }

    /**
     * Follows the path from the subject (or from the resource for attributes) and adds every place it leads to.
     * A step into a value the template does not determine ({@link Value.Unknown}, or a {@link Value.Symbolic}
     * that would have to be a mapping or list) stops there as UNDETERMINED. {@code [*]} on something that is not
     * a list treats it as the only element, as CloudFormation does for single policy statements.
     */
    void walk(Subject subject, List<Hit> out) {
        if (attribute != null) {
            Node node = subject.context().resource().node().get(attribute);
            Span anchor = subject.context().resource().keySpan();
            String base = "@" + attribute;
            Value value = node == null ? null : subject.context().resolve(node);
            if (value == null) {
                missing(0, anchor, appendRest(base, 0), out);
                return;
            }
            Span keySpan = subject.context().resource().node().entry(attribute).map(e -> e.key().span()).orElse(anchor);
            walk(value, keySpan, 0, base, anchor, out);
            return;
        }
        Value root = subject.value();
        if (root == null) {
            missing(0, subject.anchor(), appendRest(subject.path(), 0), out);
            return;
        }
        walk(root, steps.length == 0 ? subject.anchor() : root.span(), 0, subject.path(), subject.anchor(), out);
    }

    private void walk(Value value, Span span, int step, String path, Span anchor, List<Hit> out) {
        if (step == steps.length) {
            out.add(new Hit(HitKind.PRESENT, value, span, path));
            return;
        }
        if (value instanceof Value.Unknown || value instanceof Value.Symbolic) {
            out.add(new Hit(HitKind.UNDETERMINED, value, span, path));
            return;
        }
        Step s = steps[step];
        if (s instanceof Field f) {
            Value.Field field = value instanceof Value.Struct struct ? struct.field(f.name()) : null;
            String next = join(path, f.name());
            if (field == null) {
                missing(step, anchor, appendRest(next, step + 1), out);
            } else {
                walk(field.value(), field.keySpan(), step + 1, next, anchor, out);
            }
        } else if (s instanceof Index ix) {
            String next = join(path, Integer.toString(ix.index()));
            if (value instanceof Value.Seq seq && ix.index() < seq.items().size()) {
                Value item = seq.items().get(ix.index());
                walk(item, item.span(), step + 1, next, anchor, out);
            } else {
                missing(step, anchor, appendRest(next, step + 1), out);
            }
        } else if (value instanceof Value.Seq seq) {
            List<Value> items = seq.items();
            for (int i = 0; i < items.size(); i++) {
                Value item = items.get(i);
                walk(item, item.span(), step + 1, join(path, Integer.toString(i)), item.span(), out);
            }
        } else {
            walk(value, span, step + 1, path, value.span(), out);
        }
    }

    /**
     * A value the path leads to is not there. Before a {@code [*]} that means the list itself is missing: no
     * elements, nothing to report (a vacuous pass). After it, the element lacks the property.
     */
    private void missing(int step, Span anchor, String path, List<Hit> out) {
        if (wildcard && step < firstWildcard) {
            return;
        }
        out.add(new Hit(HitKind.MISSING, null, anchor, path));
    }

    /** The finding path of a value that is not there: the rest of the path as written, from {@code step}. */
    private String appendRest(String path, int step) {
        String out = path;
        for (int i = step; i < steps.length; i++) {
            Step s = steps[i];
            if (s instanceof Field f) {
                out = join(out, f.name());
            } else if (s instanceof Index ix) {
                out = join(out, Integer.toString(ix.index()));
            } else {
                out = join(out, "*");
            }
        }
        return out;
    }

    static String join(String path, String segment) {
        return path.isEmpty() ? segment : path + "/" + segment;
    }
}
