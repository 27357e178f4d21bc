package dev.portcullis.report;

import dev.portcullis.model.Severity;

/** How text output is decorated: ANSI colours for a terminal, or nothing at all. */
public enum Style {
    PLAIN, COLOR;

    private static final String RESET = "\u001b[0m";

    String bold(String text) {
        return wrap("\u001b[1m", text);
    }

    String dim(String text) {
        return wrap("\u001b[2m", text);
    }

    String marker(String text) {
        return wrap("\u001b[1;31m", text);
    }

    String severity(Severity severity) {
        String code = switch (severity) {
            case CRITICAL -> "\u001b[1;35m";
            case HIGH -> "\u001b[1;31m";
            case MEDIUM -> "\u001b[33m";
            case LOW -> "\u001b[36m";
            case INFO -> "\u001b[2m";
        };
        return wrap(code, severity.label());
    }

    private String wrap(String code, String text) {
        return this == COLOR ? code + text + RESET : text;
    }
}
