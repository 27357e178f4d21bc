package dev.portcullis.response.finding;

import java.util.Locale;
import java.util.Optional;

/**
 * Severity labels as GuardDuty and Security Hub define them, with the lowest GuardDuty score (0-10 scale) of each:
 * LOW 1.0-3.9, MEDIUM 4.0-6.9, HIGH 7.0-8.9, CRITICAL 9.0-10.0; Security Hub adds INFORMATIONAL below LOW.
 */
public enum SeverityLabel {
    INFORMATIONAL(0.0),
    LOW(1.0),
    MEDIUM(4.0),
    HIGH(7.0),
    CRITICAL(9.0);

    private final double floor;

    SeverityLabel(double floor) {
        this.floor = floor;
    }

    /** Lowest GuardDuty score carrying this label. */
    public double floor() {
        return floor;
    }

    /** The label of a GuardDuty score (0-10). */
    public static SeverityLabel ofScore(double score) {
        SeverityLabel result = INFORMATIONAL;
        for (SeverityLabel label : values()) {
            if (score >= label.floor) {
                result = label;
            }
        }
        return result;
    }

    /** Case-insensitive label name; empty for anything else. */
    public static Optional<SeverityLabel> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (SeverityLabel label : values()) {
            if (label.name().equals(text.trim().toUpperCase(Locale.ROOT))) {
                return Optional.of(label);
            }
        }
        return Optional.empty();
    }
}
