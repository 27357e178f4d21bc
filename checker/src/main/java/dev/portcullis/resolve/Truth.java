package dev.portcullis.resolve;

/**
 * Three-valued truth of a condition: a condition over a parameter without a default is neither true nor
 * false until a scenario assumes one. {@code Fn::And} and {@code Fn::Or} follow Kleene's logic, so
 * {@code And(false, unknown)} is determined (false) and the condition is never enumerated.
 */
enum Truth {
    TRUE, FALSE, UNKNOWN;

    static Truth of(boolean value) {
        return value ? TRUE : FALSE;
    }

    boolean known() {
        return this != UNKNOWN;
    }

    Truth not() {
        return switch (this) {
            case TRUE -> FALSE;
            case FALSE -> TRUE;
            case UNKNOWN -> UNKNOWN;
        };
    }

    Truth and(Truth other) {
        if (this == FALSE || other == FALSE) {
            return FALSE;
        }
        return this == TRUE && other == TRUE ? TRUE : UNKNOWN;
    }

    Truth or(Truth other) {
        if (this == TRUE || other == TRUE) {
            return TRUE;
        }
        return this == FALSE && other == FALSE ? FALSE : UNKNOWN;
    }
}
