package dev.portcullis.checks.iam;

import java.util.List;
import java.util.Locale;

/**
 * IAM's wildcard matching of actions: {@code *} matches any run of characters, {@code ?} one character, and
 * action names compare case-insensitively ({@code S3:getobject} is {@code s3:GetObject}).
 */
public final class ActionGlob {

    /** Verbs of actions that only read; {@code s3:Get*} grants reads only. */
    private static final List<String> READ_VERBS = List.of(
            "get", "list", "describe", "head", "batchget", "batchcheck", "query", "scan", "search", "lookup", "view");

    private ActionGlob() {
    }

    /** Whether {@code pattern} (as written in a policy) matches the concrete {@code action}. */
    public static boolean matches(String pattern, String action) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String a = action.toLowerCase(Locale.ROOT);
        int pi = 0;
        int ai = 0;
        int star = -1;
        int resume = 0;
        while (ai < a.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == a.charAt(ai))) {
                pi++;
                ai++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                resume = ai;
            } else if (star >= 0) {
                pi = star + 1;
                ai = ++resume;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    /** {@code *} alone: every action of every service. */
    public static boolean isEverything(String pattern) {
        return !pattern.isEmpty() && pattern.chars().allMatch(c -> c == '*');
    }

    /** {@code service:*}: every action of one service. */
    public static boolean isServiceWide(String pattern) {
        int colon = pattern.indexOf(':');
        if (colon <= 0 || colon == pattern.length() - 1) {
            return false;
        }
        String service = pattern.substring(0, colon);
        return service.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')
                && isEverything(pattern.substring(colon + 1));
    }

    /**
     * Whether every action the pattern can match only reads: the fixed text of the action name, up to its first
     * wildcard, starts with a read verb. {@code s3:G*} is not read-only: it does not spell out a verb.
     */
    public static boolean isReadOnly(String pattern) {
        int colon = pattern.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        String name = pattern.substring(colon + 1).toLowerCase(Locale.ROOT);
        int wildcard = firstWildcard(name);
        String fixed = wildcard < 0 ? name : name.substring(0, wildcard);
        return READ_VERBS.stream().anyMatch(fixed::startsWith);
    }

    private static int firstWildcard(String text) {
        int star = text.indexOf('*');
        int question = text.indexOf('?');
        if (star < 0) {
            return question;
        }
        return question < 0 ? star : Math.min(star, question);
    }
}
