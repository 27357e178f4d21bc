package dev.portcullis.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The output formats a user can ask for, by the name used on the command line. */
public enum ReportFormat {
    TEXT, JSON, SARIF, JUNIT, GITHUB;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReportFormat parse(String text) {
        for (ReportFormat f : values()) {
            if (f.label().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + text + "' (expected " + labels() + ")");
    }

    /** e.g. {@code text, json, sarif}. */
    public static String labels() {
        return Arrays.stream(values()).map(ReportFormat::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label();
    }
}
