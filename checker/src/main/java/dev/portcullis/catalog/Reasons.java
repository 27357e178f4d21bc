package dev.portcullis.catalog;

import dev.portcullis.resolve.Value;

/** Says why a value leaves a rule undecided, for the UNKNOWN report. */
final class Reasons {

    private Reasons() {
    }

    static String undetermined(RulePath.Hit hit) {
        String where = Messages.dotted(hit.path());
        Value value = hit.value();
        if (value instanceof Value.Unknown u) {
            return where + " is not determined by the template (" + u.reason() + ")";
        }
        if (value instanceof Value.Symbolic s) {
            return where + " is " + s.text() + ", known only at deployment";
        }
        return where + " is not determined by the template";
    }
}
