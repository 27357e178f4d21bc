package dev.portcullis.checks.iam;

import java.util.List;
import java.util.Map;

import dev.portcullis.catalog.RuleCheck;
import dev.portcullis.catalog.Violations;
import dev.portcullis.checks.values.Sources;
import dev.portcullis.checks.values.Verdicts;
import dev.portcullis.engine.ResourceContext;

/**
 * {@code iam.public-principal}: an Allow statement whose principal is everyone ({@code "*"} or
 * {@code {AWS: "*"}}) and whose condition does not narrow the callers down (source ARN or account, VPC endpoint,
 * organization, ...). On a resource policy that makes the resource public; on a trust policy anyone in any account
 * may assume the role. Reports at the wildcard principal.
 */
public final class PublicPrincipal implements RuleCheck<PublicPrincipal.Params> {

    /** @param documents policy kinds to look at; all if empty */
    public record Params(List<String> documents) {
        public Params {
            PolicyKind.parse(documents);
        }
    }

    @Override
    public Class<Params> params() {
        return Params.class;
    }

    @Override
    public void evaluate(ResourceContext context, Params params, Violations out) {
        Sources sources = Sources.of(context);
        for (Statement statement : PolicyDocument.statements(context, PolicyKind.parse(params.documents()), out)) {
            PublicGrant grant = statement.publicGrant(sources);
            Verdicts.report(out, grant.answer(), grant.value(), grant.path(), Map.of(),
                    "the principal, the effect or the condition of the statement is not determined");
        }
    }
}
