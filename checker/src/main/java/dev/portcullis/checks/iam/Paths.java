package dev.portcullis.checks.iam;

/** Finding paths below {@code Properties}: segments joined with {@code /}. */
final class Paths {

    private Paths() {
    }

    static String join(String prefix, String segment) {
        return prefix == null || prefix.isEmpty() ? segment : prefix + "/" + segment;
    }
}
