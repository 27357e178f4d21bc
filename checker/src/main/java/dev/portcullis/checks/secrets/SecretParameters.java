package dev.portcullis.checks.secrets;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.portcullis.catalog.RuleCheck;
import dev.portcullis.catalog.Violations;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.model.IntrinsicNode;
import dev.portcullis.model.MappingNode;
import dev.portcullis.model.Node;
import dev.portcullis.model.Parameter;
import dev.portcullis.model.Resource;
import dev.portcullis.model.ScalarNode;
import dev.portcullis.model.SequenceNode;
import dev.portcullis.resolve.SubText;

/**
 * {@code secrets.secret-parameters}: a template parameter named like a secret ({@code DbPassword},
 * {@code ApiToken}) that is not {@code NoEcho} (its value is shown in the console and by DescribeStacks) or, with
 * {@code forbidDefault}, that has a {@code Default} (the secret is written in the template). A parameter is not a
 * resource, so the finding is reported once, for the first resource (in template order) that uses the parameter,
 * and points at the parameter's declaration (at its {@code Default} for a default). Message argument
 * {@code {parameter}}.
 */
public final class SecretParameters implements RuleCheck<SecretParameters.Params> {

    /**
     * @param forbidDefault flag secret parameters that have a Default (otherwise: those that are not NoEcho)
     */
    public record Params(Boolean forbidDefault) {
        public Params {
            forbidDefault = Boolean.TRUE.equals(forbidDefault);
        }
    }

    private static final int MAX_DEPTH = 64;

    @Override
    public Class<Params> params() {
        return Params.class;
    }

    @Override
    public void evaluate(ResourceContext context, Params params, Violations out) {
        Map<String, Parameter> declared = context.template().parameters();
        if (declared.isEmpty()) {
            return;
        }
        Set<String> used = new LinkedHashSet<>();
        references(context.resource().node(), used, 0);
        for (String name : used) {
            Parameter p = declared.get(name);
            if (p == null || !SecretName.isSecret(name) || p.type().startsWith("AWS::SSM::Parameter::Value")
                    || !isFirstUser(context, name)) {
                continue;
            }
            if (params.forbidDefault()) {
                if (p.defaultValue() != null) {
                    out.fail(p.defaultValue().span(), "@Parameters/" + name + "/Default", Map.of("parameter", name));
                }
            } else if (!p.noEcho()) {
                out.fail(p.keySpan(), "@Parameters/" + name, Map.of("parameter", name));
            }
        }
    }

    /** Whether no resource before this one in the template uses the parameter. */
    private static boolean isFirstUser(ResourceContext context, String parameter) {
        for (Resource r : context.template().resources().values()) {
            if (r == context.resource()) {
                return true;
            }
            Set<String> used = new LinkedHashSet<>();
            references(r.node(), used, 0);
            if (used.contains(parameter)) {
                return false;
            }
        }
        return true;
    }

    /** Names used with {@code Ref} or inside {@code Fn::Sub} anywhere in the node. */
    private static void references(Node node, Set<String> out, int depth) {
        if (depth > MAX_DEPTH || node == null) {
            return;
        }
        if (node instanceof IntrinsicNode f) {
            if (f.function().equals("Ref") && f.argument() instanceof ScalarNode s && s.isString()) {
                out.add((String) s.value());
            } else if (f.function().equals("Fn::Sub")) {
                Node template = f.argument() instanceof SequenceNode seq && seq.size() > 0 ? seq.get(0) : f.argument();
                if (template instanceof ScalarNode s && s.isString()) {
                    for (SubText.Part part : SubText.parse((String) s.value()).parts()) {
                        if (part instanceof SubText.Variable v) {
                            out.add(v.name());
                        }
                    }
                }
            }
            references(f.argument(), out, depth + 1);
        } else if (node instanceof MappingNode m) {
            for (MappingNode.Entry e : m.entries()) {
                references(e.value(), out, depth + 1);
            }
        } else if (node instanceof SequenceNode seq) {
            for (Node item : seq.items()) {
                references(item, out, depth + 1);
            }
        }
    }
}
