package dev.portcullis.checks.iam;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.portcullis.catalog.RuleCheck;
import dev.portcullis.catalog.Violations;
import dev.portcullis.checks.values.Verdicts;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.resolve.Value;

/**
 * {@code iam.allow-negated-element}: an Allow statement written with {@code NotAction}, {@code NotResource} or
 * {@code NotPrincipal} (the {@code element} param). Allowing "everything except" grants whatever AWS adds later
 * and is rarely what the author meant. Reports at the element's value.
 */
public final class NegatedElement implements RuleCheck<NegatedElement.Params> {

    private static final Set<String> ELEMENTS = Set.of("NotAction", "NotResource", "NotPrincipal");

    /**
     * @param element   {@code NotAction}, {@code NotResource} or {@code NotPrincipal}
     * @param documents policy kinds to look at; all if empty
     */
    public record Params(String element, List<String> documents) {
        public Params {
            if (element == null || !ELEMENTS.contains(element)) {
                throw new IllegalArgumentException("element must be one of " + ELEMENTS + ", not '" + element + "'");
            }
            PolicyKind.parse(documents);
        }
    }

    @Override
    public Class<Params> params() {
        return Params.class;
    }

    @Override
    public void evaluate(ResourceContext context, Params params, Violations out) {
        for (Statement statement : PolicyDocument.statements(context, PolicyKind.parse(params.documents()), out)) {
            Value negated = element(statement, params.element());
            if (negated == null) {
                continue;
            }
            Verdicts.report(out, statement.allows(), negated, statement.pathOf(params.element()),
                    Map.of("element", params.element().toLowerCase(Locale.ROOT)),
                    "the statement's Effect is not determined");
        }
    }

    private static Value element(Statement statement, String name) {
        switch (name) {
            case "NotAction":
                return statement.notAction();
            case "NotResource":
                return statement.notResource();
            default:
                return statement.notPrincipal();
        }
    }
}
