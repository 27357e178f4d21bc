package dev.portcullis.checks.iam;

import java.util.ArrayList;
import java.util.List;

import dev.portcullis.checks.values.Answer;
import dev.portcullis.checks.values.PartialText;
import dev.portcullis.checks.values.Sources;
import dev.portcullis.resolve.Value;

/**
 * One statement of a policy document, its elements as evaluated values. {@code path} is the statement's path
 * below {@code Properties} ({@code PolicyDocument/Statement/0}); absent elements are null.
 */
public record Statement(String path, Value source, Value effect, Value action, Value notAction, Value principal,
                        Value notPrincipal, Value resource, Value notResource, Value condition) {

    /** One entry of a statement element that may be a single value or a list ({@code Action}, {@code Resource}). */
    public record Element(Value value, String path) {

        public PartialText text(Sources sources) {
            return PartialText.of(value, sources);
        }
    }

    static Statement of(Value.Struct s, String path) {
        return new Statement(path, s, s.get("Effect"), s.get("Action"), s.get("NotAction"), s.get("Principal"),
                s.get("NotPrincipal"), s.get("Resource"), s.get("NotResource"), s.get("Condition"));
    }

    /** Does the statement allow (rather than deny)? MAYBE when the effect is not a literal. */
    public Answer allows() {
        if (effect instanceof Value.Scalar s) {
            return Answer.of(s.text().equals("Allow"));
        }
        return effect == null ? Answer.NO : Answer.MAYBE;
    }

    public List<Element> actions() {
        return elements(action, "Action");
    }

    public List<Element> notActions() {
        return elements(notAction, "NotAction");
    }

    public List<Element> resources() {
        return elements(resource, "Resource");
    }

    public String pathOf(String element) {
        return Paths.join(path, element);
    }

    /** Does {@code Resource} name every resource ({@code *})? With {@code NotResource} it may as well. */
    public Answer coversEveryResource(Sources sources) {
        if (notResource != null) {
            return Answer.YES;
        }
        Answer any = Answer.NO;
        for (Element e : resources()) {
            any = any.or(e.text(sources).isWildcard());
        }
        return any;
    }

    /**
     * Does the statement allow everyone, unconditionally? An Allow whose principal is {@code *} (or has
     * {@code AWS: "*"}) and whose condition does not narrow the callers down (see {@link RestrictingCondition}).
     */
    public PublicGrant publicGrant(Sources sources) {
        PublicGrant everyone = Principals.everyone(principal, pathOf("Principal"), sources);
        if (everyone.answer() == Answer.NO) {
            return PublicGrant.NONE;
        }
        return everyone.with(allows().and(RestrictingCondition.restricts(condition, sources).not()));
    }

    private List<Element> elements(Value value, String name) {
        if (value == null) {
            return List.of();
        }
        String base = Paths.join(path, name);
        if (value instanceof Value.Seq seq) {
            List<Element> out = new ArrayList<>(seq.items().size());
            for (int i = 0; i < seq.items().size(); i++) {
                out.add(new Element(seq.items().get(i), base + "/" + i));
            }
            return out;
        }
        return List.of(new Element(value, base));
    }
}
