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

/**
 * {@code iam.wildcard-action}: an Allow statement whose {@code Action} is {@code *} (every action of every
 * service) or, with {@code serviceWide}, {@code service:*}. With {@code everyResourceOnly} only statements on
 * {@code Resource: "*"} count: full administrator rights. Reports at the wildcard action; message argument
 * {@code {action}}.
 */
public final class WildcardAction implements RuleCheck<WildcardAction.Params> {

    /**
     * @param documents         policy kinds to look at ({@code identity}, {@code resource}, {@code trust}); all if empty
     * @param serviceWide       also flag {@code service:*}
     * @param everyResourceOnly flag only statements whose {@code Resource} is {@code *} (or that use NotResource)
     */
    public record Params(List<String> documents, Boolean serviceWide, Boolean everyResourceOnly) {
        public Params {
            serviceWide = Boolean.TRUE.equals(serviceWide);
            everyResourceOnly = Boolean.TRUE.equals(everyResourceOnly);
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
            Answer allows = statement.allows();
            if (allows == Answer.NO) {
                continue;
            }
            Answer scope = params.everyResourceOnly() ? statement.coversEveryResource(sources) : Answer.YES;
            if (scope == Answer.NO) {
                continue;
            }
            for (Statement.Element action : statement.actions()) {
                PartialText text = action.text(sources);
                Answer wildcard = isWildcard(text, params.serviceWide());
                Verdicts.report(out, allows.and(scope).and(wildcard), action.value(), action.path(),
                        Map.of("action", text.display()),
                        "the action, the effect or the resource of the statement is not determined");
            }
        }
    }

    private static Answer isWildcard(PartialText text, boolean serviceWide) {
        String literal = text.literal();
        if (literal == null) {
            return text.hasOpenGap() ? Answer.MAYBE : Answer.NO;
        }
        return Answer.of(ActionGlob.isEverything(literal) || (serviceWide && ActionGlob.isServiceWide(literal)));
    }
}
