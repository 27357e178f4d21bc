package dev.portcullis.checks.iam;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.portcullis.catalog.Violations;
import dev.portcullis.engine.Memo;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.model.Resource;
import dev.portcullis.resolve.Value;

/**
 * The statements of one policy document, and the parts of it the template does not determine (a statement
 * chosen by a condition no scenario fixes, a document from a parameter). Checks report the latter as UNKNOWN.
 */
public record PolicyDocument(PolicySite site, List<Statement> statements, List<Undetermined> undetermined) {

    /** Every document of a resource in a scenario, read once for all the IAM rules that look at it. */
    private static final Memo.Key<List<PolicyDocument>> DOCUMENTS = Memo.Key.named("policy documents");
    private static final Set<PolicyKind> ALL_KINDS = EnumSet.allOf(PolicyKind.class);

    /** A part of the document that could not be read, with why. */
    public record Undetermined(Value value, String path, String reason) {
    }

    /** Reads the document of {@code site}. A string that is not a JSON policy has no statements to judge. */
    public static PolicyDocument read(PolicySite site) {
        List<Statement> statements = new ArrayList<>();
        List<Undetermined> undetermined = new ArrayList<>();
        Value document = site.document();
        if (document instanceof Value.Scalar s && s.value() instanceof String text) {
            document = PolicyJson.parse(text, s.span());
        }
        if (document instanceof Value.Unknown u) {
            undetermined.add(new Undetermined(u, site.path(), u.reason()));
        } else if (document instanceof Value.Struct doc) {
            String base = Paths.join(site.path(), "Statement");
            Value statement = doc.get("Statement");
            if (statement instanceof Value.Struct single) {
                statements.add(Statement.of(single, base));
            } else if (statement instanceof Value.Seq list) {
                for (int i = 0; i < list.items().size(); i++) {
                    Value item = list.items().get(i);
                    if (item instanceof Value.Struct s) {
                        statements.add(Statement.of(s, base + "/" + i));
                    } else if (item instanceof Value.Unknown u) {
                        undetermined.add(new Undetermined(u, base + "/" + i, u.reason()));
                    }
                }
            } else if (statement instanceof Value.Unknown u) {
                undetermined.add(new Undetermined(u, base, u.reason()));
            }
        }
        return new PolicyDocument(site, List.copyOf(statements), List.copyOf(undetermined));
    }

    /**
     * Every statement of the resource's policy documents of the given kinds, in document order. A document whose
     * shape the template leaves undetermined is reported to {@code out} as unknown first, so each check need not.
     */
    public static List<Statement> statements(ResourceContext context, Set<PolicyKind> kinds, Violations out) {
        List<Statement> all = new ArrayList<>();
        for (PolicyDocument document : of(context, kinds)) {
            document.reportUndetermined(out);
            all.addAll(document.statements());
        }
        return all;
    }

    /** Every document of the given kinds of the context's resource, in document order. */
    public static List<PolicyDocument> of(ResourceContext context, Set<PolicyKind> kinds) {
        return of(context, context.resource(), kinds);
    }

    /** Every document of the given kinds of a resource of the context's template in its scenario. */
    public static List<PolicyDocument> of(ResourceContext context, Resource resource, Set<PolicyKind> kinds) {
        List<PolicyDocument> all = context.perScenario(resource, DOCUMENTS,
                () -> in(resource.type(), context.propertiesOf(resource), ALL_KINDS));
        if (kinds.containsAll(ALL_KINDS)) {
            return all;
        }
        List<PolicyDocument> out = new ArrayList<>(all.size());
        for (PolicyDocument document : all) {
            if (kinds.contains(document.site().kind())) {
                out.add(document);
            }
        }
        return out;
    }

    /** Every readable document of the given kinds in a resource's properties. */
    public static List<PolicyDocument> in(String type, Value properties, Set<PolicyKind> kinds) {
        List<PolicyDocument> out = new ArrayList<>(2);
        for (PolicySite site : PolicySites.of(type, properties)) {
            if (kinds.contains(site.kind())) {
                out.add(read(site));
            }
        }
        return out;
    }

    /** Reports every undetermined part as UNKNOWN: whether the rule holds there, the template does not say. */
    public void reportUndetermined(Violations out) {
        for (Undetermined u : undetermined) {
            out.unknown(u.value(), u.path(), "the policy statement is not determined: " + u.reason());
        }
    }
}
