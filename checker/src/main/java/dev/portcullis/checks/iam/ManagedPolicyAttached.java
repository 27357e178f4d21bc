package dev.portcullis.checks.iam;

import java.util.List;
import java.util.Map;

import dev.portcullis.catalog.RuleCheck;
import dev.portcullis.catalog.Violations;
import dev.portcullis.checks.values.Answer;
import dev.portcullis.checks.values.PartialText;
import dev.portcullis.checks.values.Sources;
import dev.portcullis.checks.values.Verdicts;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.resolve.Value;

/**
 * {@code iam.managed-policy}: a role, user, group or permission set that attaches one of the listed managed
 * policies by name ({@code AdministratorAccess}), whatever partition or account the ARN is written with. Reports
 * at the ARN; message argument {@code {policy}}.
 */
public final class ManagedPolicyAttached implements RuleCheck<ManagedPolicyAttached.Params> {

    /** The properties that list attached managed policy ARNs. */
    private static final List<String> PROPERTIES = List.of("ManagedPolicyArns", "ManagedPolicies");

    /** @param policies managed policy names, with their path if any ({@code job-function/SystemAdministrator}) */
    public record Params(List<String> policies) {
        public Params {
            if (policies == null || policies.isEmpty()) {
                throw new IllegalArgumentException("policies must name at least one managed policy");
            }
            policies = List.copyOf(policies);
        }
    }

    @Override
    public Class<Params> params() {
        return Params.class;
    }

    @Override
    public void evaluate(ResourceContext context, Params params, Violations out) {
        if (!(context.properties() instanceof Value.Struct props)) {
            return;
        }
        Sources sources = Sources.of(context);
        for (String property : PROPERTIES) {
            if (props.get(property) instanceof Value.Seq arns) {
                for (int i = 0; i < arns.items().size(); i++) {
                    Value arn = arns.items().get(i);
                    PartialText text = PartialText.of(arn, sources);
                    for (String policy : params.policies()) {
                        Answer named = text.endsWithIgnoreCase(":policy/" + policy);
                        if (named != Answer.NO) {
                            Verdicts.report(out, named, arn, property + "/" + i, Map.of("policy", policy),
                                    "the managed policy ARN is not determined");
                            break;
                        }
                    }
                }
            }
        }
    }
}
