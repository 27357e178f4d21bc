package dev.portcullis.resolve;

import java.util.List;

/**
 * An {@code Fn::Equals} the template leaves undetermined, e.g. {@code Env = prod} for a parameter without a
 * default. Equal comparisons anywhere in the template share one atom.
 *
 * @param operand a key naming the undetermined operand (the same parameter gives the same key), or, when
 *                both sides are undetermined, the two keys together
 * @param literal the known text compared against, or null when both sides are undetermined
 * @param domain  the operand's possible values when it is a parameter with {@code AllowedValues}, else empty
 */
record Atom(String operand, String literal, List<String> domain) {

    Atom {
        domain = List.copyOf(domain);
    }

    /** Whether this atom compares one operand with a literal, so it takes part in exclusivity constraints. */
    boolean comparesToLiteral() {
        return literal != null;
    }
}
