package dev.portcullis.checks.iam;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;

import dev.portcullis.catalog.NoParams;
import dev.portcullis.catalog.RuleCheck;
import dev.portcullis.catalog.Violations;
import dev.portcullis.checks.values.Answer;
import dev.portcullis.checks.values.PartialText;
import dev.portcullis.checks.values.Sources;
import dev.portcullis.checks.values.Verdicts;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.resolve.Value;

/**
 * {@code iam.web-identity-trust}: a role trust statement that lets an OpenID Connect provider's users assume the
 * role ({@code sts:AssumeRoleWithWebIdentity} for a {@code Federated} principal) without saying which subjects.
 * Every repository on GitHub, every service account of a cluster, gets a token from the same provider; only a
 * condition on the token's {@code sub} claim (for Cognito identity pools, {@code aud}) limits the role to the
 * intended ones. Reports at the federated principal; message argument {@code {claim}}.
 */
public final class WebIdentityTrust implements RuleCheck<NoParams> {

    private static final String COGNITO = "cognito-identity.amazonaws.com";
    private static final String GITHUB = "token.actions.githubusercontent.com";

    @Override
    public Class<NoParams> params() {
        return NoParams.class;
    }

    @Override
    public void evaluate(ResourceContext context, NoParams params, Violations out) {
        Sources sources = Sources.of(context);
        for (PolicyDocument document : PolicyDocument.of(context, EnumSet.of(PolicyKind.TRUST))) {
            document.reportUndetermined(out);
            for (Statement statement : document.statements()) {
                if (!(statement.principal() instanceof Value.Struct principal)
                        || principal.get("Federated") == null || !grantsWebIdentity(statement, sources)) {
                    continue;
                }
                Value federated = principal.get("Federated");
                String provider = PartialText.of(federated, sources).fixedText().toLowerCase(Locale.ROOT);
                String claim = provider.contains(COGNITO) ? "aud" : "sub";
                if (provider.contains("saml-provider/")) {
                    continue;
                }
                Answer unrestricted = statement.allows()
                        .and(restrictsClaim(statement.condition(), claim, sources).not());
                Verdicts.report(out, unrestricted, federated, statement.pathOf("Principal") + "/Federated",
                        Map.of("claim", claim), "the effect or the condition of the statement is not determined");
            }
        }
    }

    private static boolean grantsWebIdentity(Statement statement, Sources sources) {
        for (Statement.Element action : statement.actions()) {
            String literal = action.text(sources).literal();
            if (literal != null && ActionGlob.matches(literal, "sts:AssumeRoleWithWebIdentity")) {
                return true;
            }
        }
        return false;
    }

    /** YES when a positive string condition on {@code <provider>:<claim>} pins the claim to specific values. */
    private static Answer restrictsClaim(Value condition, String claim, Sources sources) {
        if (condition instanceof Value.Unknown) {
            return Answer.MAYBE;
        }
        if (!(condition instanceof Value.Struct operators)) {
            return Answer.NO;
        }
        Answer result = Answer.NO;
        for (Value.Field operator : operators.fields()) {
            String op = operator.name().toLowerCase(Locale.ROOT).replace("foranyvalue:", "");
            if (!(op.equals("stringequals") || op.equals("stringlike")) || !(operator.value() instanceof Value.Struct keys)) {
                continue;
            }
            for (Value.Field key : keys.fields()) {
                String name = key.name().toLowerCase(Locale.ROOT);
                if (name.endsWith(":" + claim)) {
                    // The key names the provider even when the principal is a Ref to it.
                    result = result.or(specific(key.value(), name.startsWith(GITHUB + ":"), sources));
                }
            }
        }
        return result;
    }

    /** Every value names specific subjects: not all wildcards; for GitHub, a fixed repository owner. */
    private static Answer specific(Value value, boolean github, Sources sources) {
        if (value instanceof Value.Seq seq) {
            Answer all = seq.items().isEmpty() ? Answer.NO : Answer.YES;
            for (Value item : seq.items()) {
                all = all.and(specific(item, github, sources));
            }
            return all;
        }
        // Gaps show as ${Name}: a parameter for the owner or the audience is specific, a wildcard is not.
        String text = PartialText.of(value, sources).display();
        if (github) {
            // repo:OWNER/REPO:...; an owner that is a wildcard admits every repository on GitHub.
            if (!text.startsWith("repo:")) {
                return Answer.of(!text.replace("*", "").replace("?", "").isEmpty());
            }
            String rest = text.substring("repo:".length());
            int slash = rest.indexOf('/');
            String owner = slash < 0 ? rest : rest.substring(0, slash);
            return Answer.of(slash > 0 && !owner.contains("*") && !owner.contains("?"));
        }
        return Answer.of(!text.replace("*", "").replace("?", "").isEmpty());
    }
}
