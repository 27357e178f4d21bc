package dev.portcullis.report;

import java.util.regex.Pattern;

/**
 * Makes text from templates safe to print on a terminal. Messages and source lines can carry whatever
 * a template holds, including escape sequences that would restyle or rewrite the reader's terminal, and
 * line breaks that would split a one-line error in two.
 */
final class TerminalText {

    private static final Pattern LINE_BREAK = Pattern.compile("\\s*\\R\\s*");

    private TerminalText() {
    }

    /** Line breaks become spaces; other control characters except tab become {@code ?}. */
    static String oneLine(String text) {
        // Called for every field of every finding: most have no line break, and need no regular expression.
        return printable(hasLineBreak(text) ? LINE_BREAK.matcher(text).replaceAll(" ") : text);
    }

    /** Whether {@code text} has a character that {@code \R} matches (a line break). */
    private static boolean hasLineBreak(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= '\n' && c <= '\r') || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    /** Control characters except tab become {@code ?}, one for one, so columns stay where they were. */
    static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\t' && (Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
                if (out == null) {
                    out = new StringBuilder(text);
                }
                out.setCharAt(i, '?');
            }
        }
        return out == null ? text : out.toString();
    }
}
