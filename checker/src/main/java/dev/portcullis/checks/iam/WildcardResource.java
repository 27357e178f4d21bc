package dev.portcullis.checks.iam;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.portcullis.catalog.RuleCheck;
import dev.portcullis.catalog.Violations;
import dev.portcullis.checks.values.Answer;
import dev.portcullis.checks.values.PartialText;
import dev.portcullis.checks.values.Sources;
import dev.portcullis.checks.values.Verdicts;
import dev.portcullis.engine.ResourceContext;

/**
 * {@code iam.wildcard-resource}: an Allow statement on {@code Resource: "*"} that grants actions which change
 * things. Read-only actions ({@code Get*}, {@code List*}, {@code Describe*}, ...) and the {@code exempt} actions
 * (those AWS does not let a policy scope to a resource, such as {@code cloudwatch:PutMetricData}) do not count;
 * with {@code writeOnly: false} every action counts. Reports at the {@code *}; message argument {@code {action}}
 * (the first action that counts, as written).
 */
public final class WildcardResource implements RuleCheck<WildcardResource.Params> {

    /**
     * @param documents policy kinds to look at; all if empty
     * @param writeOnly only statements that grant some action that is not read-only count
     * @param exempt    actions that cannot be scoped to a resource, hence need {@code *}
     */
    public record Params(List<String> documents, Boolean writeOnly, List<String> exempt) {
        public Params {
            writeOnly = Boolean.TRUE.equals(writeOnly);
            PolicyKind.parse(documents);
            exempt = exempt == null ? List.of() : List.copyOf(exempt);
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
            String counted = countedAction(statement, params, sources);
            if (counted == null) {
                continue;
            }
            for (Statement.Element resource : statement.resources()) {
                Answer wildcard = resource.text(sources).isWildcard();
                Verdicts.report(out, allows.and(wildcard), resource.value(), resource.path(),
                        Map.of("action", counted), "the resource or the effect of the statement is not determined");
                if (allows.and(wildcard) == Answer.YES) {
                    break;
                }
            }
        }
    }

    /** The first action of the statement that counts, or null when all are reads or exempt. */
    private static String countedAction(Statement statement, Params params, Sources sources) {
        if (statement.notAction() != null) {
            return "NotAction";
        }
        for (Statement.Element action : statement.actions()) {
            PartialText text = action.text(sources);
            String literal = text.literal();
            if (literal == null) {
                if (text.hasOpenGap()) {
                    return text.display();
                }
                continue;
            }
            if (!params.writeOnly() || (!ActionGlob.isReadOnly(literal) && !exempt(literal, params.exempt()))) {
                return literal;
            }
        }
        return null;
    }

    private static boolean exempt(String action, List<String> exempt) {
        String a = action.toLowerCase(Locale.ROOT);
        return exempt.stream().anyMatch(e -> e.toLowerCase(Locale.ROOT).equals(a));
    }
}
