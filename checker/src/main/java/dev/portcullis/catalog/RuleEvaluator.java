package dev.portcullis.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.portcullis.engine.ResourceCheck;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.model.Finding;
import dev.portcullis.model.Resource;
import dev.portcullis.model.Span;

/**
 * Runs one rule on one resource in one scenario and turns its verdict into findings (FAIL, one per offending
 * place) or UNKNOWN results (the reason as message). A rule whose {@code when} is false does not apply.
 */
final class RuleEvaluator {

    private RuleEvaluator() {
    }

    static void evaluate(Rule rule, ResourceContext context, ResourceCheck.Outcomes out) {
        Subject subject = Subject.of(context);
        Result applies = null;
        if (rule.when() != null) {
            applies = rule.when().evaluate(subject);
            if (applies.verdict() == Verdict.FAIL) {
                return;
            }
        }
        String undecidedWhen = applies != null && applies.verdict() == Verdict.UNKNOWN
                ? "the rule applies only if its condition holds, and " + firstReason(applies) : null;
        if (rule.assertion() != null) {
            Result result = rule.assertion().evaluate(subject);
            if (result.verdict() == Verdict.PASS) {
                return;
            }
            List<Evidence> evidence = result.evidence().isEmpty()
                    ? List.of(new Evidence(subject.anchor(), "", null, null)) : result.evidence();
            boolean unknown = result.verdict() == Verdict.UNKNOWN || undecidedWhen != null;
            List<Span> seen = new ArrayList<>(evidence.size());
            for (Evidence e : evidence) {
                Span span = place(e.span(), context.resource());
                if (seen.stream().anyMatch(s -> s.line() == span.line() && s.column() == span.column())) {
                    continue;
                }
                seen.add(span);
                if (unknown) {
                    String reason = e.reason() != null ? e.reason() : undecidedWhen != null ? undecidedWhen
                            : firstReason(result);
                    out.unknown(finding(rule, context, span, e.path(), reason));
                } else {
                    out.fail(finding(rule, context, span, e.path(),
                            message(rule, context, e.path(), e, Map.of())));
                }
            }
            return;
        }
        Violations violations = new Violations();
        try {
            rule.check().evaluate(context, violations);
        } catch (RuntimeException e) {
            throw new IllegalStateException("rule " + rule.id() + " (Java check " + rule.checkName()
                    + ") failed on resource " + context.resource().logicalId() + ": " + e.getMessage(), e);
        }
        for (Violations.Violation v : violations.all()) {
            Span span = place(v.span(), context.resource());
            String path = v.path() == null ? "" : v.path();
            if (v.outcome() == Violations.Outcome.UNKNOWN || undecidedWhen != null) {
                String reason = v.reason() != null ? v.reason() : undecidedWhen;
                out.unknown(finding(rule, context, span, path, reason));
            } else {
                Evidence e = new Evidence(span, path, v.value(), null);
                out.fail(finding(rule, context, span, path, message(rule, context, path, e, v.args())));
            }
        }
    }

    /** Findings point into the resource: a value without a place in the text points at the resource key. */
    private static Span place(Span span, Resource resource) {
        return span == null || span.isSynthetic() ? resource.keySpan() : span;
    }

    private static String firstReason(Result result) {
        for (Evidence e : result.evidence()) {
            if (e.reason() != null) {
                return e.reason();
            }
        }
        return "the template does not determine the outcome";
    }

    private static String message(Rule rule, ResourceContext context, String path, Evidence e,
                                  Map<String, String> args) {
        Resource r = context.resource();
        return Messages.format(rule.message(), r.logicalId(), r.type(), path, e.value(), args);
    }

    private static Finding finding(Rule rule, ResourceContext context, Span span, String path, String message) {
        Resource r = context.resource();
        return Finding.at(rule.id(), rule.severity(), span, r.logicalId(), r.type(), findingPath(r, path), message);
    }

    /** {@code Resources/<id>/Properties/<path>}, {@code Resources/<id>/<Attribute>...}, or {@code Resources/<id>}. */
    static String findingPath(Resource resource, String path) {
        String base = "Resources/" + resource.logicalId();
        if (path == null || path.isEmpty()) {
            return base;
        }
        if (path.startsWith("@")) {
            return base + "/" + path.substring(1);
        }
        return base + "/Properties/" + path;
    }
}
