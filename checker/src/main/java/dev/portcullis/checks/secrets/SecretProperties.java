package dev.portcullis.checks.secrets;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import dev.portcullis.catalog.NoParams;
import dev.portcullis.catalog.RuleCheck;
import dev.portcullis.catalog.Violations;
import dev.portcullis.checks.values.Sources;
import dev.portcullis.checks.values.Verdicts;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.model.InputException;
import dev.portcullis.model.MappingNode;
import dev.portcullis.model.Node;
import dev.portcullis.resolve.Value;

/**
 * {@code secrets.secret-properties}: a property whose name says it holds a secret ({@code MasterUserPassword},
 * {@code AuthToken}, {@code PrivateKey}, {@code SecretString}, at any depth) with a value written in the template or
 * shown by CloudFormation (see {@link SecretValue}), and the passwords and secret keys of an
 * {@code AWS::CloudFormation::Authentication} metadata block (credentials cfn-init uses to download files).
 * Environment variables and tags are left to their own rules. Reports at the value; message arguments
 * {@code {property}} and {@code {how}}.
 */
public final class SecretProperties implements RuleCheck<NoParams> {

    /** Containers whose keys are data names rather than property names, judged by other rules or not at all. */
    private static final Set<String> SKIPPED = Set.of("Tags", "Variables", "Environment", "EnvironmentVariables",
            "PolicyDocument", "AssumeRolePolicyDocument", "KeyPolicy", "Metadata");

    private static final int MAX_DEPTH = 32;

    private static final String AUTHENTICATION = "AWS::CloudFormation::Authentication";

    @Override
    public Class<NoParams> params() {
        return NoParams.class;
    }

    @Override
    public void evaluate(ResourceContext context, NoParams params, Violations out) {
        Sources sources = Sources.of(context);
        if (context.properties() != null) {
            walk(context.properties(), "", sources, out, 0);
        }
        MappingNode metadata = context.resource().node().mapping("Metadata");
        Node authentication = metadata == null ? null : metadata.get(AUTHENTICATION);
        if (authentication != null) {
            Value resolved;
            try {
                resolved = context.resolve(authentication);
            } catch (InputException e) {
                // Metadata is not evaluated by the engine; a block it cannot evaluate is CloudFormation's to reject.
                return;
            }
            walk(resolved, "@Metadata/" + AUTHENTICATION, sources, out, 0);
        }
    }

    private static void walk(Value value, String path, Sources sources, Violations out, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof Value.Struct struct) {
            for (Value.Field f : struct.fields()) {
                if (SKIPPED.contains(f.name())) {
                    continue;
                }
                boolean container = f.value() instanceof Value.Struct || f.value() instanceof Value.Seq;
                boolean secret = SecretName.isSecret(f.name()) && !(f.value() instanceof Value.Struct);
                if (!secret && !container) {
                    continue; // a plain value under a name that is not a secret's: nothing to walk or judge
                }
                String fieldPath = path.isEmpty() ? f.name() : path + "/" + f.name();
                if (secret) {
                    judge(f.name(), f.value(), fieldPath, sources, out);
                } else {
                    walk(f.value(), fieldPath, sources, out, depth + 1);
                }
            }
        } else if (value instanceof Value.Seq seq) {
            for (int i = 0; i < seq.items().size(); i++) {
                walk(seq.items().get(i), path + "/" + i, sources, out, depth + 1);
            }
        }
    }

    private static void judge(String property, Value value, String path, Sources sources, Violations out) {
        if (value instanceof Value.Seq seq) {
            for (int i = 0; i < seq.items().size(); i++) {
                judge(property, seq.items().get(i), path + "/" + i, sources, out);
            }
            return;
        }
        SecretValue.Judgement j = SecretValue.judge(value, sources);
        Map<String, String> args = new HashMap<>();
        args.put("property", property);
        args.put("how", j.how() == null ? "" : j.how());
        Verdicts.report(out, j.exposed(), value, path, args, "which value is used is not determined: " + j.how());
    }
}
