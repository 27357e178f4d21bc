package dev.portcullis.response.finding;

/** The kinds of EventBridge event the response stack reads. */
public enum EventKind {
    /** {@code source: aws.guardduty}, {@code detail-type: GuardDuty Finding}. */
    GUARDDUTY_FINDING,
    /** {@code source: aws.securityhub}, {@code detail-type: Security Hub Findings - Imported}. */
    SECURITY_HUB_IMPORTED,
    /** Anything else, including text that is not JSON. */
    UNSUPPORTED
}
