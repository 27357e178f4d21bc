package dev.portcullis.checks.secrets;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.portcullis.catalog.RuleCheck;
import dev.portcullis.catalog.Violations;
import dev.portcullis.engine.Memo;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.model.IntrinsicNode;
import dev.portcullis.model.MappingNode;
import dev.portcullis.model.Node;
import dev.portcullis.model.Parameter;
import dev.portcullis.model.Resource;
import dev.portcullis.model.ScalarNode;
import dev.portcullis.model.SequenceNode;
import dev.portcullis.model.Template;
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
    private static final Memo.Key<Users> USERS = Memo.Key.named("parameter users");
    private static final Memo.Key<Boolean> ANY_SECRET = Memo.Key.named("any secret parameter");

    @Override
    public Class<Params> params() {
        return Params.class;
    }

    @Override
    public void evaluate(ResourceContext context, Params params, Violations out) {
        Map<String, Parameter> declared = context.template().parameters();
        boolean anySecret = context.perTemplate(ANY_SECRET,
                () -> declared.entrySet().stream().anyMatch(e -> isSecret(e.getKey(), e.getValue())));
        if (!anySecret) {
            return; // most templates: nothing to look for, so no resource needs walking
        }
        Users users = context.perTemplate(USERS, () -> Users.of(context.template()));
        for (String name : users.of(context.resource())) {
            Parameter p = declared.get(name);
            if (p == null || !isSecret(name, p) || !users.isFirst(context.resource(), name)) {
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

    /** A parameter named like a secret whose value is not a reference to an SSM parameter. */
    private static boolean isSecret(String name, Parameter p) {
        return SecretName.isSecret(name) && !p.type().startsWith("AWS::SSM::Parameter::Value");
    }

    /**
     * The names each resource uses, and the first resource (in template order) to use each name: found in one walk
     * of the template instead of a walk of every earlier resource for every use of a secret parameter.
     */
    private record Users(Map<String, Set<String>> byResource, Map<String, String> firstUser) {

        static Users of(Template template) {
            Map<String, Set<String>> byResource = new HashMap<>();
            Map<String, String> firstUser = new HashMap<>();
            for (Resource r : template.resources().values()) {
                Set<String> used = new LinkedHashSet<>();
                references(r.node(), used, 0);
                byResource.put(r.logicalId(), used);
                for (String name : used) {
                    firstUser.putIfAbsent(name, r.logicalId());
                }
            }
            return new Users(byResource, firstUser);
        }

        /** The names the resource uses, in the order they are written. */
        Set<String> of(Resource resource) {
            return byResource.getOrDefault(resource.logicalId(), Set.of());
        }

        /** Whether no resource before this one in the template uses the name. */
        boolean isFirst(Resource resource, String name) {
            return resource.logicalId().equals(firstUser.get(name));
        }
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
