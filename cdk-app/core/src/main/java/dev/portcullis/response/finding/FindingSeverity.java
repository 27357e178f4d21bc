package dev.portcullis.response.finding;

/**
 * A finding's severity on GuardDuty's 0-10 scale, with its label. For ASFF findings the score is GuardDuty's own
 * ({@code Severity.Product}) when present, else the floor of {@code Severity.Label}.
 */
public record FindingSeverity(double score, SeverityLabel label) {

    public static FindingSeverity ofScore(double score) {
        return new FindingSeverity(score, SeverityLabel.ofScore(score));
    }

    @Override
    public String toString() {
        return score + " (" + label + ")";
    }
}
