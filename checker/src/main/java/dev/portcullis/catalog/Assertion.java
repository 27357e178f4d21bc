package dev.portcullis.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.portcullis.resolve.Value;

/**
 * The rule language's assertions, compiled once when a rule loads: leaf operators over a {@link RulePath}, and
 * {@code all}/{@code any}/{@code not}/{@code each}/{@code some} over other assertions. Evaluation is three-valued
 * (Kleene): a value the template does not determine makes a leaf UNKNOWN unless the operator can decide anyway.
 */
public sealed interface Assertion {

    Result evaluate(Subject subject);

    /**
     * A leaf operator: how it judges a present literal, a missing value, a list or mapping, and values known only
     * at deployment. A path with {@code [*]} quantifies universally over the elements that have the value.
     */
    sealed interface Leaf extends Assertion {
        RulePath path();

        Verdict onLiteral(Object literal);

        /** Verdict when the path leads nowhere (the property is not set). */
        Verdict onMissing();

        /** Verdict on a list or mapping where the operator expects a literal. */
        default Verdict onStructure() {
            return onMissing();
        }

        /** Verdict on a resource's value such as {@code !GetAtt Vpc.CidrBlock}. */
        default Verdict onSymbolic() {
            return Verdict.UNKNOWN;
        }

        /** Verdict on a value the template does not determine (parameter without default, ImportValue). */
        default Verdict onUnknown() {
            return Verdict.UNKNOWN;
        }

        @Override
        default Result evaluate(Subject subject) {
            List<RulePath.Hit> hits = new ArrayList<>(2);
            path().walk(subject, hits);
            if (hits.size() == 1 && !path().isWildcard()) {
                return judge(this, hits.get(0));
            }
            Verdict verdict = Verdict.PASS;
            List<Result> results = new ArrayList<>(hits.size());
            for (RulePath.Hit hit : hits) {
                if (hit.kind() == RulePath.HitKind.MISSING && !(this instanceof Exists)) {
                    continue; // elements without the property are skipped
                }
                Result r = judge(this, hit);
                results.add(r);
                if (r.verdict() == Verdict.FAIL || (r.verdict() == Verdict.UNKNOWN && verdict == Verdict.PASS)) {
                    verdict = r.verdict();
                }
            }
            if (results.isEmpty()) {
                return Result.VACUOUS_PASS;
            }
            List<Evidence> evidence = new ArrayList<>(results.size());
            for (Result r : results) {
                if (r.verdict() == verdict) {
                    evidence.addAll(r.evidence());
                }
            }
            return new Result(verdict, evidence);
        }

        private static Result judge(Leaf leaf, RulePath.Hit hit) {
            Value value = hit.value();
            Verdict verdict;
            String reason = null;
            if (hit.kind() == RulePath.HitKind.MISSING) {
                verdict = leaf.onMissing();
            } else if (hit.kind() == RulePath.HitKind.UNDETERMINED) {
                verdict = Verdict.UNKNOWN;
                reason = Reasons.undetermined(hit);
            } else if (value instanceof Value.Scalar s && s.value() == null) {
                // `Key:` with no value: CloudFormation and cfn-lint treat it as not set.
                verdict = leaf.onMissing();
            } else if (value instanceof Value.Scalar s) {
                verdict = leaf.onLiteral(s.value());
            } else if (value instanceof Value.Symbolic) {
                verdict = leaf.onSymbolic();
                reason = Reasons.undetermined(hit);
            } else if (value instanceof Value.Unknown) {
                verdict = leaf.onUnknown();
                reason = Reasons.undetermined(hit);
            } else {
                verdict = leaf.onStructure();
            }
            return Result.of(verdict, new Evidence(hit.span(), hit.path(), value,
                    verdict == Verdict.UNKNOWN ? reason : null));
        }
    }

    /** {@code exists: PATH}: the value is set (to anything, including a value known only at deployment). */
    record Exists(RulePath path) implements Leaf {
        public Verdict onLiteral(Object literal) {
            return Verdict.PASS;
        }

        public Verdict onMissing() {
            return Verdict.FAIL;
        }

        public Verdict onStructure() {
            return Verdict.PASS;
        }

        public Verdict onSymbolic() {
            return Verdict.PASS;
        }

        public Verdict onUnknown() {
            return Verdict.PASS;
        }
    }

    /** {@code absent: PATH}: the value is not set. */
    record Absent(RulePath path) implements Leaf {
        public Verdict onLiteral(Object literal) {
            return Verdict.FAIL;
        }

        public Verdict onMissing() {
            return Verdict.PASS;
        }

        public Verdict onStructure() {
            return Verdict.FAIL;
        }

        public Verdict onSymbolic() {
            return Verdict.FAIL;
        }

        public Verdict onUnknown() {
            return Verdict.FAIL;
        }
    }

    /** {@code equals} / {@code notEquals} ({@code negated}); a missing value is not equal to anything. */
    record Equals(RulePath path, Object expected, boolean negated) implements Leaf {
        public Verdict onLiteral(Object literal) {
            return verdict(Literals.sameValue(literal, expected) != negated);
        }

        public Verdict onMissing() {
            return verdict(negated);
        }
    }

    /** {@code in} / {@code notIn} ({@code negated}). */
    record In(RulePath path, List<Object> values, boolean negated) implements Leaf {
        public In {
            values = List.copyOf(values);
        }

        public Verdict onLiteral(Object literal) {
            boolean found = false;
            for (Object v : values) {
                if (Literals.sameValue(literal, v)) {
                    found = true;
                    break;
                }
            }
            return verdict(found != negated);
        }

        public Verdict onMissing() {
            return verdict(negated);
        }
    }

    /** {@code matches} / {@code notMatches} ({@code negated}): the whole text matches the regular expression. */
    record Matches(RulePath path, Pattern pattern, boolean negated) implements Leaf {
        public Verdict onLiteral(Object literal) {
            return verdict(pattern.matcher(Literals.text(literal)).matches() != negated);
        }

        public Verdict onMissing() {
            return verdict(negated);
        }
    }

    /** {@code greaterOrEqual} ({@code atLeast}) / {@code lessOrEqual}: numeric; text that is no number fails. */
    record Bound(RulePath path, BigDecimal limit, boolean atLeast) implements Leaf {
        public Verdict onLiteral(Object literal) {
            BigDecimal n = Literals.number(literal);
            if (n == null || literal instanceof Boolean) {
                return Verdict.FAIL;
            }
            int c = n.compareTo(limit);
            return verdict(atLeast ? c >= 0 : c <= 0);
        }

        public Verdict onMissing() {
            return Verdict.FAIL;
        }
    }

    /**
     * {@code cidrOpen: PATH}: the value is a world-open block ({@code /0}). A block taken from a resource (a VPC's
     * or subnet's CIDR) is never world-open, so a symbolic value decides as not open.
     */
    record CidrOpen(RulePath path) implements Leaf {
        public Verdict onLiteral(Object literal) {
            return verdict(Literals.isWorldOpen(literal));
        }

        public Verdict onMissing() {
            return Verdict.FAIL;
        }

        public Verdict onSymbolic() {
            return Verdict.FAIL;
        }
    }

    /** {@code all: [..]}: every part holds. */
    record All(List<Assertion> parts) implements Assertion {
        public All {
            parts = List.copyOf(parts);
        }

        public Result evaluate(Subject subject) {
            List<Result> results = new ArrayList<>(parts.size());
            for (Assertion a : parts) {
                results.add(a.evaluate(subject));
            }
            return Result.and(results);
        }
    }

    /** {@code any: [..]}: some part holds. */
    record Any(List<Assertion> parts) implements Assertion {
        public Any {
            parts = List.copyOf(parts);
        }

        public Result evaluate(Subject subject) {
            List<Result> results = new ArrayList<>(parts.size());
            for (Assertion a : parts) {
                Result r = a.evaluate(subject);
                results.add(r);
            }
            return Result.or(results);
        }
    }

    /** {@code not: A}. */
    record Not(Assertion inner) implements Assertion {
        public Result evaluate(Subject subject) {
            return inner.evaluate(subject).not();
        }
    }

    /**
     * {@code each: {path, assert}}: every element of the list satisfies the assertion (paths relative to the
     * element); a missing list satisfies it. A value that is not a list counts as its only element.
     */
    record Each(RulePath path, Assertion inner) implements Assertion {
        public Result evaluate(Subject subject) {
            return Quantifier.over(path, inner, subject, true);
        }
    }

    /** {@code some: {path, assert}}: at least one element satisfies the assertion; a missing list does not. */
    record Some(RulePath path, Assertion inner) implements Assertion {
        public Result evaluate(Subject subject) {
            return Quantifier.over(path, inner, subject, false);
        }
    }

    private static Verdict verdict(boolean holds) {
        return holds ? Verdict.PASS : Verdict.FAIL;
    }
}
