package dev.portcullis.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.portcullis.model.InputException;
import dev.portcullis.model.IntrinsicNode;
import dev.portcullis.model.MappingNode;
import dev.portcullis.model.Node;
import dev.portcullis.model.ScalarNode;
import dev.portcullis.model.SequenceNode;
import dev.portcullis.model.Span;
import dev.portcullis.model.Template;

/**
 * Evaluates template nodes to {@link Value}s, one intrinsic function at a time. A function whose arguments are
 * known gives a known value; one over resource values gives a {@link Value.Symbolic}; anything the template
 * does not determine gives a {@link Value.Unknown} with the reason. Arguments of the wrong shape, which
 * CloudFormation would reject, raise an {@link InputException} at the function's line.
 */
final class Evaluator {

    private final Template template;
    private final EffectiveParameters parameters;
    private final PseudoParameters pseudo;
    /** A transform that may add resources (SAM, a macro): names it would declare are then unknown, not errors. */
    private final String generatingTransform;
    private Conditions conditions;

    Evaluator(Template template, EffectiveParameters parameters, PseudoParameters pseudo) {
        this.template = template;
        this.parameters = parameters;
        this.pseudo = pseudo;
        this.generatingTransform = template.transforms().stream()
                .filter(t -> !t.equals(LanguageExtensions.TRANSFORM))
                .findFirst().orElse(null);
    }

    /** Connects the compiled conditions, which are themselves built with this evaluator's help. */
    void attach(Conditions compiled) {
        this.conditions = compiled;
    }

    /** The node's value in the scenario, or null when it is {@code AWS::NoValue}. */
    Value resolve(Node node, Scenario scenario) {
        if (node instanceof ScalarNode s) {
            return new Value.Scalar(s.value(), s.span());
        }
        if (node instanceof SequenceNode seq) {
            List<Value> items = new ArrayList<>(seq.size());
            for (Node item : seq.items()) {
                Value v = resolve(item, scenario);
                if (v != null) {
                    items.add(v);
                }
            }
            return new Value.Seq(items, seq.span());
        }
        if (node instanceof MappingNode m) {
            List<Value.Field> fields = new ArrayList<>(m.size());
            for (MappingNode.Entry e : m.entries()) {
                Value v = resolve(e.value(), scenario);
                if (v != null) {
                    fields.add(new Value.Field(e.name(), e.key().span(), v));
                }
            }
            return new Value.Struct(fields, m.span());
        }
        return call((IntrinsicNode) node, scenario);
    }

    private Value call(IntrinsicNode f, Scenario s) {
        switch (f.function()) {
            case "Ref":
                return reference(name(f.argument(), f, "Ref expects the name of a parameter, resource or pseudo-parameter"),
                        f.span(), "Ref");
            case "Fn::GetAtt":
                return getAtt(f, s);
            case "Fn::Sub":
                return sub(f, s);
            case "Fn::Join":
                return join(f, s);
            case "Fn::Select":
                return select(f, s);
            case "Fn::Split":
                return split(f, s);
            case "Fn::FindInMap":
                return findInMap(f, s);
            case "Fn::If":
                return ifThen(f, s);
            case "Fn::Equals":
            case "Fn::And":
            case "Fn::Or":
            case "Fn::Not":
                return truthValue(f, s);
            case "Condition":
                return conditionField(f, s);
            case "Fn::GetAZs":
                return getAZs(f, s);
            case "Fn::Base64":
                return base64(f, s);
            case "Fn::Cidr":
                return cidr(f, s);
            case "Fn::ImportValue":
                return importValue(f, s);
            case "Fn::Length":
                return length(f, s);
            case "Fn::ToJsonString":
                return toJsonString(f, s);
            case "Fn::Transform":
                return transform(f);
            default:
                // Fn::Contains, Fn::EachMemberEquals, ...: assertions of the Rules section, never property values.
                return new Value.Unknown(f.function() + " is only meaningful in the Rules section", f.span());
        }
    }

    /** What a name means in Ref or Fn::Sub: parameter, pseudo-parameter or resource; null for AWS::NoValue. */
    private Value reference(String name, Span span, String function) {
        if (name.equals(PseudoParameters.NO_VALUE)) {
            return null;
        }
        if (parameters.declares(name)) {
            return parameters.value(name, span);
        }
        if (PseudoParameters.isPseudo(name)) {
            return pseudo.value(name, span);
        }
        if (template.resources().containsKey(name)) {
            return new Value.Symbolic("${" + name + "}", span);
        }
        if (generatingTransform != null) {
            return new Value.Unknown(name + " is not declared in the template (" + generatingTransform
                    + " may generate it)", span);
        }
        throw new InputException(span, function + " to '" + name
                + "', which is not a parameter, resource or pseudo-parameter of the template");
    }

    private Value getAtt(IntrinsicNode f, Scenario s) {
        String usage = "Fn::GetAtt expects LogicalId.Attribute or [LogicalId, Attribute]";
        String id;
        String attribute;
        if (f.argument() instanceof ScalarNode scalar && scalar.isString()) {
            String text = (String) scalar.value();
            int dot = text.indexOf('.');
            if (dot <= 0 || dot == text.length() - 1) {
                throw new InputException(f.span(), usage);
            }
            id = text.substring(0, dot);
            attribute = text.substring(dot + 1);
        } else if (f.argument() instanceof SequenceNode seq && seq.size() == 2) {
            Value idValue = argument(seq.get(0), s, f, "the logical id");
            Value attributeValue = argument(seq.get(1), s, f, "the attribute");
            for (Value v : List.of(idValue, attributeValue)) {
                if (v instanceof Value.Unknown u) {
                    return new Value.Unknown(u.reason(), f.span());
                }
                if (!(v instanceof Value.Scalar)) {
                    throw new InputException(f.span(), usage);
                }
            }
            id = ((Value.Scalar) idValue).text();
            attribute = ((Value.Scalar) attributeValue).text();
        } else {
            throw new InputException(f.span(), usage);
        }
        if (!template.resources().containsKey(id)) {
            if (generatingTransform == null) {
                throw new InputException(f.span(), "Fn::GetAtt refers to '" + id + "', which is not a resource of the template");
            }
            return new Value.Unknown(id + " is not declared in the template (" + generatingTransform
                    + " may generate it)", f.span());
        }
        return new Value.Symbolic("${" + id + "." + attribute + "}", f.span());
    }

    private Value sub(IntrinsicNode f, Scenario s) {
        String usage = "Fn::Sub expects a string or [string, {variables}]";
        String text;
        MappingNode variables = null;
        if (f.argument() instanceof ScalarNode scalar && scalar.value() != null) {
            text = scalar.text();
        } else if (f.argument() instanceof SequenceNode seq && seq.size() == 2
                && seq.get(0) instanceof ScalarNode scalar && scalar.isString() && seq.get(1) instanceof MappingNode m) {
            text = (String) scalar.value();
            variables = m;
        } else {
            throw new InputException(f.span(), usage);
        }
        StringBuilder out = new StringBuilder();
        boolean symbolic = false;
        Value.Unknown unknown = null;
        for (SubText.Part part : SubText.parse(text).parts()) {
            if (part instanceof SubText.Literal literal) {
                out.append(literal.text());
                continue;
            }
            String name = ((SubText.Variable) part).name();
            if (name.isEmpty()) {
                throw new InputException(f.span(), "Fn::Sub has an empty variable ${}");
            }
            Value v;
            if (variables != null && variables.has(name)) {
                v = resolve(variables.get(name), s);
            } else if (name.indexOf('.') > 0 && !parameters.declares(name)) {
                v = attributeOf(name, f);
            } else {
                v = reference(name, f.span(), "Fn::Sub variable ${" + name + "} refers");
            }
            if (v == null) {
                throw new InputException(f.span(), "Fn::Sub variable ${" + name + "} is AWS::NoValue");
            }
            if (v instanceof Value.Unknown u) {
                // Keep going: a later undeclared name is still an error CloudFormation would report.
                unknown = unknown != null ? unknown : u;
            } else if (v instanceof Value.Symbolic sym) {
                symbolic = true;
                out.append(sym.text());
            } else if (v instanceof Value.Scalar scalar) {
                out.append(scalar.text());
            } else {
                throw new InputException(f.span(), "Fn::Sub variable ${" + name + "} is not a string");
            }
        }
        if (unknown != null) {
            return new Value.Unknown(unknown.reason(), f.span());
        }
        return symbolic ? new Value.Symbolic(out.toString(), f.span()) : new Value.Scalar(out.toString(), f.span());
    }

    /** {@code ${Resource.Attribute}} inside Fn::Sub. */
    private Value attributeOf(String name, IntrinsicNode f) {
        String id = name.substring(0, name.indexOf('.'));
        if (template.resources().containsKey(id)) {
            return new Value.Symbolic("${" + name + "}", f.span());
        }
        if (generatingTransform != null) {
            return new Value.Unknown(id + " is not declared in the template (" + generatingTransform
                    + " may generate it)", f.span());
        }
        throw new InputException(f.span(), "Fn::Sub variable ${" + name + "} refers to '" + id
                + "', which is not a resource of the template");
    }

    private Value join(IntrinsicNode f, Scenario s) {
        SequenceNode a = arguments(f, 2, 2, "Fn::Join expects [delimiter, [values]]");
        Value delimiterValue = stringArgument(a.get(0), s, f, "the delimiter");
        Value list = argument(a.get(1), s, f, "the list");
        for (Value v : List.of(delimiterValue, list)) {
            if (v instanceof Value.Unknown u) {
                return new Value.Unknown(u.reason(), f.span());
            }
        }
        String delimiter = ((Value.Scalar) delimiterValue).text();
        if (list instanceof Value.Symbolic sym) {
            return new Value.Symbolic(sym.text(), f.span());
        }
        if (!(list instanceof Value.Seq seq)) {
            throw new InputException(f.span(), "Fn::Join expects a list of values to join");
        }
        StringBuilder out = new StringBuilder();
        boolean symbolic = false;
        for (int i = 0; i < seq.items().size(); i++) {
            Value item = seq.items().get(i);
            if (i > 0) {
                out.append(delimiter);
            }
            if (item instanceof Value.Unknown u) {
                return new Value.Unknown(u.reason(), f.span());
            } else if (item instanceof Value.Symbolic sym) {
                symbolic = true;
                out.append(sym.text());
            } else if (item instanceof Value.Scalar scalar) {
                out.append(scalar.text());
            } else {
                throw new InputException(f.span(), "Fn::Join can only join strings");
            }
        }
        return symbolic ? new Value.Symbolic(out.toString(), f.span()) : new Value.Scalar(out.toString(), f.span());
    }

    private Value select(IntrinsicNode f, Scenario s) {
        SequenceNode a = arguments(f, 2, 2, "Fn::Select expects [index, [values]]");
        Value index = argument(a.get(0), s, f, "the index");
        Value list = argument(a.get(1), s, f, "the list");
        if (index instanceof Value.Unknown u) {
            return new Value.Unknown(u.reason(), f.span());
        }
        if (!(index instanceof Value.Scalar scalar)) {
            throw new InputException(f.span(), "Fn::Select index must be a number");
        }
        int i = integer(scalar, f, "Fn::Select index");
        if (i < 0) {
            throw new InputException(f.span(), "Fn::Select index " + i + " is negative");
        }
        if (list instanceof Value.Unknown u) {
            return new Value.Unknown(u.reason(), f.span());
        }
        if (list instanceof Value.Symbolic sym) {
            return new Value.Symbolic(sym.text() + "[" + i + "]", f.span());
        }
        if (!(list instanceof Value.Seq seq)) {
            throw new InputException(f.span(), "Fn::Select expects a list to select from");
        }
        if (i >= seq.items().size()) {
            throw new InputException(f.span(), "Fn::Select index " + i + " is out of range for a list of "
                    + seq.items().size() + " item" + (seq.items().size() == 1 ? "" : "s"));
        }
        return seq.items().get(i);
    }

    private Value split(IntrinsicNode f, Scenario s) {
        SequenceNode a = arguments(f, 2, 2, "Fn::Split expects [delimiter, string]");
        Value delimiterValue = stringArgument(a.get(0), s, f, "the delimiter");
        if (delimiterValue instanceof Value.Unknown u) {
            return new Value.Unknown(u.reason(), f.span());
        }
        String delimiter = ((Value.Scalar) delimiterValue).text();
        if (delimiter.isEmpty()) {
            throw new InputException(f.span(), "Fn::Split delimiter is empty");
        }
        Value source = argument(a.get(1), s, f, "the string");
        if (source instanceof Value.Unknown u) {
            return new Value.Unknown(u.reason(), f.span());
        }
        if (source instanceof Value.Symbolic sym) {
            return new Value.Symbolic(sym.text(), f.span());
        }
        if (!(source instanceof Value.Scalar scalar)) {
            throw new InputException(f.span(), "Fn::Split expects a string to split");
        }
        List<Value> parts = new ArrayList<>();
        for (String part : scalar.text().split(Pattern.quote(delimiter), -1)) {
            parts.add(new Value.Scalar(part, f.span()));
        }
        return new Value.Seq(parts, f.span());
    }

    private Value findInMap(IntrinsicNode f, Scenario s) {
        SequenceNode a = arguments(f, 3, 4, "Fn::FindInMap expects [MapName, TopLevelKey, SecondLevelKey]");
        Node fallback = null;
        if (a.size() == 4) {
            if (!(a.get(3) instanceof MappingNode options) || !options.has("DefaultValue") || options.size() != 1) {
                throw new InputException(f.span(), "the fourth value of Fn::FindInMap must be {DefaultValue: value}");
            }
            fallback = options.get("DefaultValue");
        }
        String[] keys = new String[3];
        for (int i = 0; i < 3; i++) {
            Value key = argument(a.get(i), s, f, "a key");
            if (key instanceof Value.Unknown u) {
                return new Value.Unknown(u.reason(), f.span());
            }
            if (key instanceof Value.Symbolic sym) {
                return new Value.Unknown("Fn::FindInMap key " + sym.text() + " is known only at deployment", f.span());
            }
            if (!(key instanceof Value.Scalar scalar)) {
                throw new InputException(f.span(), "Fn::FindInMap keys must be strings");
            }
            keys[i] = scalar.text();
        }
        MappingNode mappings = template.mappings();
        String missing;
        Node found = null;
        if (mappings == null || !(mappings.get(keys[0]) instanceof MappingNode map)) {
            missing = "there is no mapping '" + keys[0] + "'";
        } else if (!(map.get(keys[1]) instanceof MappingNode top)) {
            missing = "mapping '" + keys[0] + "' has no key '" + keys[1] + "'";
        } else if (!top.has(keys[2])) {
            missing = "mapping '" + keys[0] + "' has no key '" + keys[2] + "' under '" + keys[1] + "'";
        } else {
            missing = null;
            found = top.get(keys[2]);
        }
        if (found == null) {
            if (fallback != null) {
                return resolve(fallback, s);
            }
            throw new InputException(f.span(), "Fn::FindInMap: " + missing);
        }
        Value v = resolve(found, s);
        return v == null ? null : respan(v, f.span());
    }

    private Value ifThen(IntrinsicNode f, Scenario s) {
        SequenceNode a = arguments(f, 3, 3, "Fn::If expects [condition, value if true, value if false]");
        if (!(a.get(0) instanceof ScalarNode nameNode) || !nameNode.isString()) {
            throw new InputException(f.span(), "Fn::If expects the name of a condition first");
        }
        String name = (String) nameNode.value();
        if (conditions == null) {
            throw new InputException(f.span(), "Fn::If cannot be used in Conditions or in a Fn::ForEach collection");
        }
        if (!conditions.declares(name)) {
            throw new InputException(nameNode.span(), "Fn::If refers to condition '" + name
                    + "', which is not declared in Conditions");
        }
        Truth t = conditions.truth(name, s);
        if (t == Truth.UNKNOWN) {
            return new Value.Unknown("condition " + name + " is not determined", f.span());
        }
        return resolve(a.get(t == Truth.TRUE ? 1 : 2), s);
    }

    private Value truthValue(IntrinsicNode f, Scenario s) {
        if (conditions == null) {
            throw new InputException(f.span(), f.function() + " cannot be used inside a condition's operand");
        }
        Truth t = conditions.inline(f, this, s);
        return t.known() ? new Value.Scalar(t == Truth.TRUE, f.span())
                : new Value.Unknown(f.function() + " is not determined", f.span());
    }

    /** A {@code Condition} key alone in a mapping of properties is data, not the condition function. */
    private Value conditionField(IntrinsicNode f, Scenario s) {
        Value v = resolve(f.argument(), s);
        List<Value.Field> fields = v == null ? List.of() : List.of(new Value.Field("Condition", f.span(), v));
        return new Value.Struct(fields, f.span());
    }

    /**
     * Always symbolic: the zones of a region depend on the account (zone names are mapped per account) and on
     * what is available at deployment, so the template never determines them, yet they are real zone names.
     */
    private Value getAZs(IntrinsicNode f, Scenario s) {
        Value region = resolve(f.argument(), s);
        String text = region instanceof Value.Scalar scalar && !scalar.text().isEmpty() ? ":" + scalar.text() : "";
        return new Value.Symbolic("${Fn::GetAZs" + text + "}", f.span());
    }

    /**
     * Returns the text before encoding. CloudFormation encodes it at deployment and the instance decodes it
     * before running it, so what a check must inspect (user data that downloads and runs code, secrets) is the
     * text, never its encoding.
     */
    private Value base64(IntrinsicNode f, Scenario s) {
        Value v = argument(f.argument(), s, f, "the text");
        if (v instanceof Value.Seq || v instanceof Value.Struct) {
            throw new InputException(f.span(), "Fn::Base64 expects a string");
        }
        return respan(v, f.span());
    }

    private Value cidr(IntrinsicNode f, Scenario s) {
        SequenceNode a = arguments(f, 3, 3, "Fn::Cidr expects [ipBlock, count, cidrBits]");
        Value block = argument(a.get(0), s, f, "the address block");
        Value count = argument(a.get(1), s, f, "the count");
        Value bits = argument(a.get(2), s, f, "the subnet size");
        for (Value v : List.of(block, count, bits)) {
            if (v instanceof Value.Unknown u) {
                return new Value.Unknown(u.reason(), f.span());
            }
        }
        if (!(count instanceof Value.Scalar countScalar) || !(bits instanceof Value.Scalar bitsScalar)) {
            throw new InputException(f.span(), "Fn::Cidr count and cidrBits must be numbers");
        }
        int n = integer(countScalar, f, "Fn::Cidr count");
        int hostBits = integer(bitsScalar, f, "Fn::Cidr cidrBits");
        if (block instanceof Value.Symbolic sym) {
            return new Value.Symbolic("${Fn::Cidr(" + sym.text() + ", " + n + ", " + hostBits + ")}", f.span());
        }
        if (!(block instanceof Value.Scalar blockScalar)) {
            throw new InputException(f.span(), "Fn::Cidr expects an address block such as 10.0.0.0/16");
        }
        List<String> subnets;
        try {
            subnets = CidrBlocks.subnets(blockScalar.text(), n, hostBits);
        } catch (IllegalArgumentException e) {
            throw new InputException(f.span(), "Fn::Cidr: " + e.getMessage());
        }
        List<Value> out = new ArrayList<>(subnets.size());
        for (String subnet : subnets) {
            out.add(new Value.Scalar(subnet, f.span()));
        }
        return new Value.Seq(out, f.span());
    }

    private Value importValue(IntrinsicNode f, Scenario s) {
        Value name = argument(f.argument(), s, f, "the export name");
        if (name instanceof Value.Unknown u) {
            return new Value.Unknown("imported value (export name not known: " + u.reason() + ")", f.span());
        }
        String text = name instanceof Value.Scalar scalar ? scalar.text() : String.valueOf(name.toPlain());
        return new Value.Unknown("imported value " + text, f.span());
    }

    private Value length(IntrinsicNode f, Scenario s) {
        Value v = argument(f.argument(), s, f, "the list");
        if (v instanceof Value.Seq seq) {
            return new Value.Scalar((long) seq.items().size(), f.span());
        }
        if (v instanceof Value.Unknown u) {
            return new Value.Unknown(u.reason(), f.span());
        }
        if (v instanceof Value.Symbolic sym) {
            return new Value.Symbolic("${Fn::Length(" + sym.text() + ")}", f.span());
        }
        throw new InputException(f.span(), "Fn::Length expects a list");
    }

    private Value toJsonString(IntrinsicNode f, Scenario s) {
        Value v = argument(f.argument(), s, f, "the value");
        Value.Unknown unknown = JsonText.firstUnknown(v);
        if (unknown != null) {
            return new Value.Unknown(unknown.reason(), f.span());
        }
        if (!(v instanceof Value.Seq || v instanceof Value.Struct)) {
            throw new InputException(f.span(), "Fn::ToJsonString expects an object or a list");
        }
        String json = JsonText.render(v);
        return JsonText.hasSymbolic(v) ? new Value.Symbolic(json, f.span()) : new Value.Scalar(json, f.span());
    }

    private Value transform(IntrinsicNode f) {
        String name = f.argument() instanceof MappingNode m && m.string("Name") != null ? m.string("Name") : "(unnamed)";
        return new Value.Unknown("macro " + name + " not expanded", f.span());
    }

    // ---- argument handling -------------------------------------------------------------------------------

    private static SequenceNode arguments(IntrinsicNode f, int min, int max, String usage) {
        if (f.argument() instanceof SequenceNode seq && seq.size() >= min && seq.size() <= max) {
            return seq;
        }
        throw new InputException(f.span(), usage);
    }

    private static String name(Node node, IntrinsicNode f, String usage) {
        if (node instanceof ScalarNode s && s.isString()) {
            return (String) s.value();
        }
        throw new InputException(f.span(), usage);
    }

    /** An argument's value; an argument that is {@code AWS::NoValue} is an error. */
    private Value argument(Node node, Scenario s, IntrinsicNode f, String what) {
        Value v = resolve(node, s);
        if (v == null) {
            throw new InputException(f.span(), f.function() + ": " + what + " is AWS::NoValue");
        }
        return v;
    }

    /** A string argument: a {@link Value.Scalar}, or a {@link Value.Unknown} when the template leaves it open. */
    private Value stringArgument(Node node, Scenario s, IntrinsicNode f, String what) {
        Value v = argument(node, s, f, what);
        if (v instanceof Value.Scalar || v instanceof Value.Unknown) {
            return v;
        }
        throw new InputException(f.span(), f.function() + ": " + what + " must be a string");
    }

    private static int integer(Value.Scalar scalar, IntrinsicNode f, String what) {
        String text = scalar.text().trim();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InputException(f.span(), what + " '" + text + "' is not a whole number");
        }
    }

    /** The value with every span replaced: values taken from elsewhere in the template point at their use. */
    static Value respan(Value v, Span span) {
        if (v instanceof Value.Scalar s) {
            return new Value.Scalar(s.value(), span);
        }
        if (v instanceof Value.Seq seq) {
            List<Value> items = new ArrayList<>(seq.items().size());
            for (Value item : seq.items()) {
                items.add(respan(item, span));
            }
            return new Value.Seq(items, span);
        }
        if (v instanceof Value.Struct struct) {
            List<Value.Field> fields = new ArrayList<>(struct.fields().size());
            for (Value.Field f : struct.fields()) {
                fields.add(new Value.Field(f.name(), span, respan(f.value(), span)));
            }
            return new Value.Struct(fields, span);
        }
        if (v instanceof Value.Symbolic sym) {
            return new Value.Symbolic(sym.text(), span);
        }
        return new Value.Unknown(((Value.Unknown) v).reason(), span);
    }

    /** The node as data without evaluating anything: an intrinsic becomes {@code {Function: argument}}. */
    static Value literal(Node node) {
        if (node instanceof ScalarNode s) {
            return new Value.Scalar(s.value(), s.span());
        }
        if (node instanceof SequenceNode seq) {
            List<Value> items = new ArrayList<>(seq.size());
            for (Node item : seq.items()) {
                items.add(literal(item));
            }
            return new Value.Seq(items, seq.span());
        }
        if (node instanceof MappingNode m) {
            List<Value.Field> fields = new ArrayList<>(m.size());
            for (MappingNode.Entry e : m.entries()) {
                fields.add(new Value.Field(e.name(), e.key().span(), literal(e.value())));
            }
            return new Value.Struct(fields, m.span());
        }
        IntrinsicNode f = (IntrinsicNode) node;
        return new Value.Struct(List.of(new Value.Field(f.function(), f.span(), literal(f.argument()))), f.span());
    }
}
