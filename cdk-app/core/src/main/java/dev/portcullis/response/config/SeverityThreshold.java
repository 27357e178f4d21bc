package dev.portcullis.response.config;

import dev.portcullis.response.finding.FindingSeverity;
import dev.portcullis.response.finding.SeverityLabel;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The minimum severity acted upon, on GuardDuty's 0-10 scale. Written as a number ({@code 7}, {@code 5.5}) or a
 * label ({@code HIGH} means 7.0, the lowest HIGH score). Security Hub's EventBridge pattern can only match labels,
 * so it admits every label that can hold a score at or above the threshold and the decision checks the score.
 */
public record SeverityThreshold(double score) {

    public SeverityThreshold {
        if (!(score >= 0 && score <= 10)) {
            throw new IllegalArgumentException("severity threshold " + score + " is outside 0-10");
        }
    }

    public static SeverityThreshold of(SeverityLabel label) {
        return new SeverityThreshold(label.floor());
    }

    /** {@code 0}-{@code 10} or LOW/MEDIUM/HIGH/CRITICAL (any case); the exception message says what is accepted. */
    public static SeverityThreshold parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.matches("\\d+(\\.\\d+)?")) {
            double value = Double.parseDouble(trimmed);
            if (value <= 10) {
                return new SeverityThreshold(value);
            }
        }
        if (!trimmed.equalsIgnoreCase("INFORMATIONAL")) {
            for (SeverityLabel label : SeverityLabel.values()) {
                if (label != SeverityLabel.INFORMATIONAL && label.name().equals(trimmed.toUpperCase(Locale.ROOT))) {
                    return of(label);
                }
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a number 0-10 or one of LOW, MEDIUM, HIGH, CRITICAL");
    }

    public boolean admits(FindingSeverity severity) {
        return severity.score() >= score;
    }

    /** The label that holds the threshold score. */
    public SeverityLabel label() {
        return SeverityLabel.ofScore(score);
    }

    /** Labels whose findings may reach the threshold, lowest first (for the Security Hub pattern). */
    public List<SeverityLabel> labelsAtOrAbove() {
        return Arrays.stream(SeverityLabel.values()).filter(l -> l.compareTo(label()) >= 0).toList();
    }

    @Override
    public String toString() {
        return score + " (" + label() + ")";
    }
}
