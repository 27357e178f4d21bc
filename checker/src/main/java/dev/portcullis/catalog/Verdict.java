package dev.portcullis.catalog;

/** The three-valued outcome of an assertion; {@code and}/{@code or}/{@code not} follow Kleene's logic. */
public enum Verdict {
    PASS, FAIL, UNKNOWN;

    Verdict not() {
        return this == PASS ? FAIL : this == FAIL ? PASS : UNKNOWN;
    }
}
