package dev.portcullis.catalog;

import java.util.ArrayList;
import java.util.List;

import dev.portcullis.resolve.Value;

/** Evaluates {@code each} (universal) and {@code some} (existential) over the elements of the lists a path leads to. */
final class Quantifier {

    private Quantifier() {
    }

    static Result over(RulePath path, Assertion inner, Subject subject, boolean universal) {
        List<RulePath.Hit> hits = new ArrayList<>(1);
        path.walk(subject, hits);
        List<Result> results = new ArrayList<>();
        for (RulePath.Hit hit : hits) {
            switch (hit.kind()) {
                case MISSING -> results.add(Result.of(universal ? Verdict.PASS : Verdict.FAIL,
                        new Evidence(hit.span(), hit.path(), null, null)));
                case UNDETERMINED -> results.add(undetermined(hit));
                case PRESENT -> results.add(elements(hit, inner, subject, universal));
                default -> throw new IllegalStateException(hit.kind().name());
            }
        }
        return universal ? Result.and(results) : Result.or(results);
    }

    private static Result elements(RulePath.Hit hit, Assertion inner, Subject subject, boolean universal) {
        Value value = hit.value();
        if (value instanceof Value.Unknown || value instanceof Value.Symbolic) {
            return undetermined(hit);
        }
        List<Result> results;
        if (value instanceof Value.Seq seq) {
            List<Value> items = seq.items();
            results = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                Value item = items.get(i);
                results.add(inner.evaluate(subject.element(item, RulePath.join(hit.path(), Integer.toString(i)))));
            }
        } else {
            results = List.of(inner.evaluate(subject.element(value, hit.path())));
        }
        Result combined = results.isEmpty() ? new Result(universal ? Verdict.PASS : Verdict.FAIL, List.of())
                : universal ? Result.and(results) : Result.or(results);
        if (!universal && combined.verdict() == Verdict.FAIL) {
            // No element qualifies: what the rule asks for is missing, so the finding points where a missing
            // property would (the resource key, or the enclosing element).
            return Result.of(Verdict.FAIL, new Evidence(subject.anchor(), hit.path(), value, null));
        }
        return combined;
    }

    private static Result undetermined(RulePath.Hit hit) {
        return Result.of(Verdict.UNKNOWN, new Evidence(hit.span(), hit.path(), hit.value(), Reasons.undetermined(hit)));
    }
}
