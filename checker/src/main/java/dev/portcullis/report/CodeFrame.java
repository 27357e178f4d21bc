package dev.portcullis.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A few source lines around a position with a caret under its column, so a reader sees the offending
 * text without opening the file. Very long lines (minified JSON) show a window around the column.
 */
final class CodeFrame {

    static final int MAX_WIDTH = 160;
    private static final String ELLIPSIS = "…";

    private final SourceFiles sources;
    private final Style style;

    CodeFrame(SourceFiles sources, Style style) {
        this.sources = sources;
        this.style = style;
    }

    /** The frame's lines (without line breaks), or an empty list when the source line is unavailable. */
    List<String> render(String file, int line, int column) {
        String focus = sources.line(file, line);
        if (focus == null) {
            return List.of();
        }
        String before = sources.line(file, line - 1);
        String after = sources.line(file, line + 1);
        int width = String.valueOf(after != null ? line + 1 : line).length();
        int caretIndex = Math.max(0, Math.min(column - 1, focus.length()));
        int start = focus.length() > MAX_WIDTH ? Math.max(0, Math.min(caretIndex - MAX_WIDTH / 2,
                focus.length() - MAX_WIDTH)) : 0;

        List<String> out = new ArrayList<>(4);
        if (before != null) {
            out.add(gutter(" ", line - 1, width) + window(before, start));
        }
        String shown = window(focus, start);
        out.add(gutter(style.marker(">"), line, width) + shown);
        out.add(" ".repeat(width + 3) + style.dim("|") + " " + caretPadding(shown, focus, start, caretIndex)
                + style.marker("^"));
        if (after != null) {
            out.add(gutter(" ", line + 1, width) + window(after, start));
        }
        return out;
    }

    private String gutter(String mark, int number, int width) {
        String digits = String.valueOf(number);
        return mark + " " + " ".repeat(width - digits.length()) + style.dim(digits + " |") + " ";
    }

    private static String window(String text, int start) {
        if (text.length() <= MAX_WIDTH && start == 0) {
            return text;
        }
        if (start >= text.length()) {
            return "";
        }
        int from = start;
        int to = Math.min(text.length(), from + MAX_WIDTH);
        return (from > 0 ? ELLIPSIS : "") + text.substring(from, to) + (to < text.length() ? ELLIPSIS : "");
    }

    /** Spaces up to the caret, keeping tabs so the caret lines up however the terminal expands them. */
    private static String caretPadding(String shown, String focus, int start, int caretIndex) {
        StringBuilder pad = new StringBuilder();
        if (start > 0 && shown.startsWith(ELLIPSIS)) {
            pad.append(' ');
        }
        for (int i = start; i < caretIndex; i++) {
            pad.append(focus.charAt(i) == '\t' ? '\t' : ' ');
        }
        return pad.toString();
    }
}
