package dev.portcullis.checks.schema;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the "did you mean" candidate for a misspelt name: a case-insensitive equal if there is one, else the
 * candidate at the smallest edit distance (a swap of two adjacent letters counts as one edit, the most common
 * typo), provided it is close enough that the suggestion is likely right rather than merely similar.
 */
final class ClosestName {

    private ClosestName() {
    }

    static Optional<String> among(String name, Collection<String> candidates) {
        String lower = name.toLowerCase(Locale.ROOT);
        int limit = allowedEdits(lower.length());
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String candidateLower = candidate.toLowerCase(Locale.ROOT);
            if (Math.abs(candidateLower.length() - lower.length()) > limit) {
                continue;
            }
            int d = distance(lower, candidateLower, limit);
            if (d < bestDistance || (d == bestDistance && best != null && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /**
     * No edits for names under three characters (every two-letter name is one edit from dozens of others),
     * one for short names, growing to three for long ones; beyond that suggestions are mostly noise.
     */
    static int allowedEdits(int length) {
        return length < 3 ? 0 : Math.max(1, Math.min(3, length / 4));
    }

    /**
     * Optimal string alignment distance (insert, delete, substitute, swap adjacent). Returns {@code limit + 1}
     * as soon as every alignment of a row exceeds {@code limit}, which keeps scans of long name lists cheap.
     */
    static int distance(String a, String b, int limit) {
        int n = a.length();
        int m = b.length();
        int[] prevPrev = new int[m + 1];
        int[] prev = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int d = Math.min(Math.min(prev[j] + 1, current[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d = Math.min(d, prevPrev[j - 2] + 1);
                }
                current[j] = d;
                rowMin = Math.min(rowMin, d);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] recycled = prevPrev;
            prevPrev = prev;
            prev = current;
            current = recycled;
        }
        return Math.min(prev[m], limit + 1);
    }
}
