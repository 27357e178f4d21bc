package dev.portcullis.checks.values;

import java.util.Map;

import dev.portcullis.catalog.Violations;
import dev.portcullis.resolve.Value;

/** Turns a check's {@link Answer} about a value into what the catalog reports: FAIL on YES, UNKNOWN on MAYBE. */
public final class Verdicts {

    private Verdicts() {
    }

    public static void report(Violations out, Answer broken, Value at, String path, Map<String, String> args,
                              String whyUnknown) {
        if (broken == Answer.YES) {
            out.fail(at, path, args);
        } else if (broken == Answer.MAYBE) {
            out.unknown(at, path, whyUnknown);
        }
    }
}
