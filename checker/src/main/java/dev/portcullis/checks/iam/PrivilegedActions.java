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
 * {@code iam.privileged-actions}: an Allow statement that grants one of the listed actions (e.g. the IAM actions a
 * principal can use to raise its own privileges), however it is written: exactly, through a wildcard such as
 * {@code iam:*Policy*} or {@code *}, or by a {@code NotAction} that does not exclude it. With
 * {@code everyResourceOnly} only grants on {@code Resource: "*"} count. Reports at the granting action (or the
 * NotAction); message arguments {@code {action}} (the listed action) and {@code {granted}} (as written).
 */
public final class PrivilegedActions implements RuleCheck<PrivilegedActions.Params> {

    /**
     * @param actions           the actions to look for, as {@code service:Action}
     * @param documents         policy kinds to look at; all if empty
     * @param everyResourceOnly flag only grants on every resource
     */
    public record Params(List<String> actions, List<String> documents, Boolean everyResourceOnly) {
        public Params {
            everyResourceOnly = Boolean.TRUE.equals(everyResourceOnly);
            if (actions == null || actions.isEmpty()) {
                throw new IllegalArgumentException("actions must list at least one service:Action");
            }
            for (String a : actions) {
                if (a.indexOf(':') <= 0 || a.contains("*") || a.contains("?")) {
                    throw new IllegalArgumentException("'" + a + "' is not a service:Action name");
                }
            }
            actions = List.copyOf(actions);
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
            Answer scope = params.everyResourceOnly() ? statement.coversEveryResource(sources) : Answer.YES;
            Answer applies = allows.and(scope);
            if (applies == Answer.NO) {
                continue;
            }
            String why = "the effect, an action or the resource of the statement is not determined";
            for (Statement.Element action : statement.actions()) {
                PartialText text = action.text(sources);
                String literal = text.literal();
                if (literal == null) {
                    if (text.hasOpenGap()) {
                        out.unknown(action.value(), action.path(), why);
                    }
                    continue;
                }
                String granted = firstGranted(literal, params.actions());
                if (granted != null) {
                    Verdicts.report(out, applies, action.value(), action.path(),
                            Map.of("action", granted, "granted", literal), why);
                }
            }
            if (statement.notAction() != null) {
                String granted = firstNotExcluded(statement, params.actions(), sources);
                if (granted != null) {
                    Verdicts.report(out, applies, statement.notAction(), statement.pathOf("NotAction"),
                            Map.of("action", granted, "granted", "NotAction"), why);
                }
            }
        }
    }

    private static String firstGranted(String pattern, List<String> actions) {
        for (String action : actions) {
            if (ActionGlob.matches(pattern, action)) {
                return action;
            }
        }
        return null;
    }

    /** The first listed action no NotAction entry excludes; entries the template leaves open exclude nothing. */
    private static String firstNotExcluded(Statement statement, List<String> actions, Sources sources) {
        for (String action : actions) {
            boolean excluded = false;
            for (Statement.Element e : statement.notActions()) {
                String literal = e.text(sources).literal();
                if (literal != null && ActionGlob.matches(literal, action)) {
                    excluded = true;
                    break;
                }
            }
            if (!excluded) {
                return action;
            }
        }
        return null;
    }
}
