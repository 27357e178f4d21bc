package dev.portcullis.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.portcullis.model.InputException;
import dev.portcullis.model.Node;
import dev.portcullis.model.Parameter;
import dev.portcullis.model.ScalarNode;
import dev.portcullis.model.SequenceNode;
import dev.portcullis.model.Span;
import dev.portcullis.model.Template;

/**
 * The effective value of each template parameter: the value the user supplied, else the {@code Default},
 * else unknown; unknown too when the value passed is one the check cannot know (see {@link Inputs#undetermined()}).
 * Supplied values are checked against {@code AllowedValues} up front, as CloudFormation
 * rejects such a deployment before creating anything.
 */
final class EffectiveParameters {

    private static final String SSM_TYPE_PREFIX = "AWS::SSM::Parameter::Value<";

    private final Map<String, Parameter> declared;
    private final Map<String, String> supplied;
    private final Map<String, String> undetermined;

    EffectiveParameters(Template template, Inputs inputs) {
        this.declared = template.parameters();
        this.supplied = inputs.parameters();
        this.undetermined = inputs.undetermined();
        checkAllowedValues();
    }

    boolean declares(String name) {
        return declared.containsKey(name);
    }

    Parameter parameter(String name) {
        return declared.get(name);
    }

    /** The parameter's value, carrying {@code span} (the referring node), so findings point at the use. */
    Value value(String name, Span span) {
        Parameter p = declared.get(name);
        String reason = undetermined.get(name);
        if (reason != null) {
            return new Value.Unknown("parameter " + name + " is " + reason, span);
        }
        String text = supplied.get(name);
        if (p.type().startsWith(SSM_TYPE_PREFIX)) {
            String key = text != null ? text : p.defaultValue() instanceof ScalarNode s ? s.text() : null;
            return new Value.Unknown("parameter " + name + " is read from the SSM parameter store"
                    + (key != null ? " (" + key + ")" : "") + " at deployment", span);
        }
        List<String> items = null;
        if (text == null) {
            Node d = p.defaultValue();
            if (d == null) {
                return new Value.Unknown("parameter " + name + " has no default", span);
            }
            if (d instanceof ScalarNode s) {
                text = s.text();
            } else if (d instanceof SequenceNode seq && p.isList()) {
                items = new ArrayList<>();
                for (Node item : seq.items()) {
                    if (!(item instanceof ScalarNode s)) {
                        return new Value.Unknown("parameter " + name + " has a default that is not a list of strings", span);
                    }
                    items.add(s.text());
                }
            } else {
                return new Value.Unknown("parameter " + name + " has a default that is not a string", span);
            }
        }
        if (!p.isList()) {
            return new Value.Scalar(text, span);
        }
        if (items == null) {
            items = splitList(text);
        }
        List<Value> values = new ArrayList<>(items.size());
        for (String item : items) {
            values.add(new Value.Scalar(item, span));
        }
        return new Value.Seq(values, span);
    }

    /**
     * Splits a list parameter's text on commas, trimming each member as CloudFormation does. An empty text is
     * an empty list (how an optional {@code List<AWS::EC2::Subnet::Id>} is usually left unset).
     */
    static List<String> splitList(String text) {
        List<String> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        for (String part : text.split(",", -1)) {
            out.add(part.trim());
        }
        return out;
    }

    private void checkAllowedValues() {
        for (Map.Entry<String, String> e : supplied.entrySet()) {
            Parameter p = declared.get(e.getKey());
            if (p == null || p.type().startsWith(SSM_TYPE_PREFIX)) {
                continue;
            }
            List<String> allowed = p.allowedValues();
            if (allowed.isEmpty()) {
                continue;
            }
            List<String> values = p.isList() ? splitList(e.getValue()) : List.of(e.getValue());
            for (String v : values) {
                if (!allowed.contains(v)) {
                    throw new InputException(p.keySpan(), "parameter " + p.name() + ": the supplied value '" + v
                            + "' is not one of its AllowedValues " + allowed);
                }
            }
        }
    }
}
