package dev.portcullis.catalog;

import java.util.Locale;
import java.util.Optional;

/**
 * The automatic revert a rule declares for the response stack's audit of deployed changes ({@code response.revert}
 * in the rule file). The set is closed: each value is one narrow, undoable write the audit function knows how to
 * make. A rule without one is answered with a notification only.
 */
public enum Revert {
    /** Revoke exactly the ingress permission the rule found open. */
    REVOKE_INGRESS("revoke-ingress"),
    /** Turn the bucket's four Block Public Access settings back on. */
    RESTORE_PUBLIC_ACCESS_BLOCK("restore-public-access-block"),
    /** Delete the function URL. */
    DELETE_FUNCTION_URL("delete-function-url");

    private final String label;

    Revert(String label) {
        this.label = label;
    }

    /** The name rule files and plans use. */
    public String label() {
        return label;
    }

    public static Optional<Revert> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (Revert r : values()) {
            if (r.label.equals(wanted)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
