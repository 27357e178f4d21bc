package dev.portcullis.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * An assertion's verdict and the places that decided it. A FAIL's evidence lists every offending value (each
 * becomes a finding); a PASS keeps its evidence too, because {@code not} turns it into a FAIL.
 */
record Result(Verdict verdict, List<Evidence> evidence) {

    static final Result VACUOUS_PASS = new Result(Verdict.PASS, List.of());

    static Result of(Verdict verdict, Evidence evidence) {
        return new Result(verdict, List.of(evidence));
    }

    Result not() {
        return new Result(verdict.not(), evidence);
    }

    /**
     * Kleene conjunction of {@code parts}: FAIL with every failing part's evidence, else UNKNOWN with every unknown
     * part's, else PASS with the first part's (enough to show why a negated conjunction fails).
     */
    static Result and(List<Result> parts) {
        return combine(parts, Verdict.FAIL, Verdict.PASS);
    }

    /** Kleene disjunction, the dual of {@link #and}: PASS with every passing part's evidence, else UNKNOWN, else FAIL. */
    static Result or(List<Result> parts) {
        return combine(parts, Verdict.PASS, Verdict.FAIL);
    }

    private static Result combine(List<Result> parts, Verdict dominant, Verdict neutral) {
        if (parts.isEmpty()) {
            return new Result(neutral, List.of());
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Verdict verdict = neutral;
        for (Result r : parts) {
            if (r.verdict == dominant) {
                verdict = dominant;
                break;
            }
            if (r.verdict == Verdict.UNKNOWN) {
                verdict = Verdict.UNKNOWN;
            }
        }
        if (verdict == neutral) {
            return new Result(verdict, parts.get(0).evidence);
        }
        List<Evidence> evidence = new ArrayList<>();
        for (Result r : parts) {
            if (r.verdict == verdict) {
                evidence.addAll(r.evidence);
            }
        }
        return new Result(verdict, evidence);
    }
}
