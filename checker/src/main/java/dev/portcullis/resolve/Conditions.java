package dev.portcullis.resolve;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

import dev.portcullis.model.InputException;
import dev.portcullis.model.IntrinsicNode;
import dev.portcullis.model.MappingNode;
import dev.portcullis.model.Node;
import dev.portcullis.model.Parameter;
import dev.portcullis.model.ScalarNode;
import dev.portcullis.model.SequenceNode;
import dev.portcullis.model.Span;
import dev.portcullis.model.Template;

/**
 * The {@code Conditions} section compiled to {@link ConditionExpr}s, with the table of undetermined
 * {@code Fn::Equals} atoms they test. Compiled eagerly, so a malformed or circular condition is reported
 * even when no resource uses it (CloudFormation rejects such a template too), and so the result is
 * immutable and safe to share.
 */
final class Conditions {

    private final Map<String, ConditionExpr> byName;
    private final List<Atom> atoms;

    private Conditions(Map<String, ConditionExpr> byName, List<Atom> atoms) {
        this.byName = Collections.unmodifiableMap(byName);
        this.atoms = List.copyOf(atoms);
    }

    static Conditions compile(Template template, Evaluator operands) {
        Compiler compiler = new Compiler(template, operands);
        for (String name : compiler.declared.keySet()) {
            compiler.named(name, null);
        }
        return new Conditions(compiler.compiled, compiler.atoms);
    }

    boolean declares(String name) {
        return byName.containsKey(name);
    }

    ConditionExpr expr(String name) {
        return byName.get(name);
    }

    List<Atom> atoms() {
        return atoms;
    }

    /** The condition's truth in a scenario: assumed when the scenario lists it, else evaluated. */
    Truth truth(String name, Scenario scenario) {
        return evaluate(new ConditionExpr.Named(name), atom -> Truth.UNKNOWN, scenario, new HashMap<>());
    }

    /**
     * Evaluates an {@code Fn::Equals/And/Or/Not} met outside the Conditions section. Its atoms are not part
     * of any scenario, so an undetermined comparison stays unknown.
     */
    Truth inline(IntrinsicNode node, Evaluator operands, Scenario scenario) {
        Compiler compiler = new Compiler(null, operands);
        compiler.compiled.putAll(byName);
        ConditionExpr expr = compiler.compile(node);
        return evaluate(expr, atom -> Truth.UNKNOWN, scenario, new HashMap<>());
    }

    /**
     * Kleene evaluation. {@code atomValues} gives each atom's assigned truth; named conditions the scenario
     * lists take their assumed value; {@code memo} caches named conditions for this one assignment.
     */
    Truth evaluate(ConditionExpr expr, IntFunction<Truth> atomValues, Scenario scenario, Map<String, Truth> memo) {
        if (expr instanceof ConditionExpr.Constant c) {
            return Truth.of(c.value());
        }
        if (expr instanceof ConditionExpr.AtomTest a) {
            return atomValues.apply(a.atom());
        }
        if (expr instanceof ConditionExpr.Not n) {
            return evaluate(n.operand(), atomValues, scenario, memo).not();
        }
        if (expr instanceof ConditionExpr.All all) {
            Truth t = Truth.TRUE;
            for (ConditionExpr e : all.operands()) {
                t = t.and(evaluate(e, atomValues, scenario, memo));
                if (t == Truth.FALSE) {
                    break;
                }
            }
            return t;
        }
        if (expr instanceof ConditionExpr.Any any) {
            Truth t = Truth.FALSE;
            for (ConditionExpr e : any.operands()) {
                t = t.or(evaluate(e, atomValues, scenario, memo));
                if (t == Truth.TRUE) {
                    break;
                }
            }
            return t;
        }
        String name = ((ConditionExpr.Named) expr).name();
        Boolean assumed = scenario.assumed(name);
        if (assumed != null) {
            return Truth.of(assumed);
        }
        Truth cached = memo.get(name);
        if (cached == null) {
            cached = evaluate(byName.get(name), atomValues, scenario, memo);
            memo.put(name, cached);
        }
        return cached;
    }

    /** Turns condition nodes into expressions, folding determined comparisons and numbering the others. */
    private static final class Compiler {

        private final Template template;
        private final Evaluator operands;
        private final Map<String, Node> declared = new LinkedHashMap<>();
        private final Map<String, ConditionExpr> compiled = new LinkedHashMap<>();
        private final Set<String> inProgress = new HashSet<>();
        private final Map<String, Integer> atomIds = new HashMap<>();
        private final List<Atom> atoms = new ArrayList<>();

        Compiler(Template template, Evaluator operands) {
            this.template = template;
            this.operands = operands;
            MappingNode section = template == null ? null : template.conditions();
            if (section != null) {
                for (MappingNode.Entry e : section.entries()) {
                    // Loops are expanded by LanguageExtensions before a resolver sees the template; one left
                    // unexpanded (collection not known) declares nothing usable.
                    if (!e.name().startsWith(LanguageExtensions.FOR_EACH_PREFIX)) {
                        declared.put(e.name(), e.value());
                    }
                }
            }
        }

        ConditionExpr named(String name, Span referredAt) {
            ConditionExpr done = compiled.get(name);
            if (done != null) {
                return done;
            }
            Node node = declared.get(name);
            if (node == null) {
                throw new InputException(referredAt, "condition '" + name + "' is not declared in Conditions");
            }
            if (!inProgress.add(name)) {
                throw new InputException(node.span(), "condition '" + name + "' depends on itself");
            }
            ConditionExpr expr = compile(node);
            inProgress.remove(name);
            compiled.put(name, expr);
            return expr;
        }

        ConditionExpr compile(Node node) {
            if (node instanceof ScalarNode s) {
                if (s.value() instanceof Boolean b) {
                    return new ConditionExpr.Constant(b);
                }
                if ("true".equalsIgnoreCase(s.text()) || "false".equalsIgnoreCase(s.text())) {
                    return new ConditionExpr.Constant(Boolean.parseBoolean(s.text()));
                }
            }
            if (node instanceof IntrinsicNode f) {
                switch (f.function()) {
                    case "Fn::Equals":
                        return equals(f);
                    case "Fn::And":
                        return new ConditionExpr.All(operands(f, 1));
                    case "Fn::Or":
                        return new ConditionExpr.Any(operands(f, 1));
                    case "Fn::Not": {
                        List<ConditionExpr> list = operands(f, 1);
                        if (list.size() != 1) {
                            throw new InputException(f.span(), "Fn::Not expects a list of one condition");
                        }
                        return new ConditionExpr.Not(list.get(0));
                    }
                    case "Condition": {
                        if (!(f.argument() instanceof ScalarNode s) || !s.isString()) {
                            throw new InputException(f.span(), "Condition expects the name of a condition");
                        }
                        String name = (String) s.value();
                        if (template == null && !compiled.containsKey(name)) {
                            throw new InputException(f.span(), "condition '" + name + "' is not declared in Conditions");
                        }
                        named(name, f.span());
                        return new ConditionExpr.Named(name);
                    }
                    default:
                        break;
                }
            }
            throw new InputException(node.span(),
                    "a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition");
        }

        private List<ConditionExpr> operands(IntrinsicNode f, int min) {
            if (!(f.argument() instanceof SequenceNode seq) || seq.size() < min) {
                throw new InputException(f.span(), f.function() + " expects a list of conditions");
            }
            List<ConditionExpr> out = new ArrayList<>(seq.size());
            for (Node item : seq.items()) {
                out.add(compile(item));
            }
            return out;
        }

        private ConditionExpr equals(IntrinsicNode f) {
            if (!(f.argument() instanceof SequenceNode seq) || seq.size() != 2) {
                throw new InputException(f.span(), "Fn::Equals expects a list of two values");
            }
            Node leftNode = seq.get(0);
            Node rightNode = seq.get(1);
            Value left = operand(leftNode, f);
            Value right = operand(rightNode, f);
            String leftLiteral = literal(left);
            String rightLiteral = literal(right);
            if (leftLiteral != null && rightLiteral != null) {
                return new ConditionExpr.Constant(leftLiteral.equals(rightLiteral));
            }
            if (leftLiteral == null && rightLiteral == null) {
                String a = operandKey(leftNode, left);
                String b = operandKey(rightNode, right);
                if (a.equals(b)) {
                    return new ConditionExpr.Constant(true);
                }
                return atom(a.compareTo(b) < 0 ? a + " = " + b : b + " = " + a, null, List.of());
            }
            Node unknownNode = leftLiteral == null ? leftNode : rightNode;
            Value unknown = leftLiteral == null ? left : right;
            String literal = leftLiteral == null ? rightLiteral : leftLiteral;
            List<String> domain = domain(unknownNode);
            if (!domain.isEmpty() && !domain.contains(literal)) {
                // The parameter cannot take this value: CloudFormation rejects any other before deploying.
                return new ConditionExpr.Constant(false);
            }
            String key = operandKey(unknownNode, unknown);
            return atom(key, literal, domain);
        }

        private Value operand(Node node, IntrinsicNode f) {
            Value v = operands.resolve(node, Scenario.NONE);
            if (v == null) {
                throw new InputException(f.span(), "Fn::Equals cannot compare AWS::NoValue");
            }
            return v;
        }

        private ConditionExpr atom(String operand, String literal, List<String> domain) {
            String key = operand + '\u0000' + literal;
            Integer id = atomIds.get(key);
            if (id == null) {
                id = atoms.size();
                atoms.add(new Atom(operand, literal, domain));
                atomIds.put(key, id);
            }
            return new ConditionExpr.AtomTest(id);
        }

        /** The text a determined operand compares as, or null when the operand is not determined. */
        private static String literal(Value v) {
            if (v instanceof Value.Scalar s) {
                return s.text();
            }
            if ((v instanceof Value.Seq || v instanceof Value.Struct)
                    && !JsonText.hasSymbolic(v) && JsonText.firstUnknown(v) == null) {
                return JsonText.render(v);
            }
            return null;
        }

        /**
         * Names an undetermined operand so that comparisons of the same operand share a key: a symbolic value
         * by its text, anything else by its source form (e.g. {@code Ref Env}).
         */
        private static String operandKey(Node node, Value v) {
            if (v instanceof Value.Symbolic s) {
                return s.text();
            }
            if (node instanceof IntrinsicNode f && f.function().equals("Ref") && f.argument() instanceof ScalarNode s) {
                return s.text();
            }
            return JsonText.render(Evaluator.literal(node));
        }

        /** AllowedValues of a plain {@code Ref} to a single-valued parameter, else empty. */
        private List<String> domain(Node node) {
            if (template == null || !(node instanceof IntrinsicNode f) || !f.function().equals("Ref")
                    || !(f.argument() instanceof ScalarNode s)) {
                return List.of();
            }
            Parameter p = template.parameters().get(s.text());
            if (p == null || p.isList() || p.type().startsWith("AWS::SSM::")) {
                return List.of();
            }
            return p.allowedValues();
        }
    }
}
