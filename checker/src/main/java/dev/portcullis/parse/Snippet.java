package dev.portcullis.parse;

/**
 * Template text quoted inside an error message. Errors are printed as one line ({@code file:line: message}),
 * so line breaks and other control characters are escaped, and long text is cut short.
 */
final class Snippet {

    private static final int MAX_QUOTED_CHARS = 80;
    /** Messages from the YAML and JSON libraries are kept whole unless absurdly long. */
    private static final int MAX_MESSAGE_CHARS = 500;

    private Snippet() {
    }

    /** {@code text} in single quotes, escaped and shortened: {@code 'a\nb'}. */
    static String quote(String text) {
        return "'" + escape(text) + "'";
    }

    /** {@code text} escaped and shortened, without quotes (for tags and other names that carry their own marks). */
    static String escape(String text) {
        return escape(text, MAX_QUOTED_CHARS);
    }

    /** A whole message made safe to print on one line. */
    static String oneLine(String message) {
        return escape(message.strip(), MAX_MESSAGE_CHARS);
    }

    static boolean isOneLine(String message) {
        return message != null && message.equals(oneLine(message));
    }

    private static String escape(String text, int maxChars) {
        String shown = text.length() > maxChars ? text.substring(0, maxChars) + "..." : text;
        StringBuilder out = null;
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (!Character.isISOControl(c) && c != '\u2028' && c != '\u2029') {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(shown.length() + 8).append(shown, 0, i);
            }
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04X", (int) c));
            }
        }
        return out == null ? shown : out.toString();
    }
}
