package dev.portcullis.response.plan;

/**
 * Something not acted upon, and why. {@code ip} is the remote IP as the finding gave it (possibly invalid text), or
 * null when the whole event or finding was skipped before any IP was considered.
 *
 * @param code   machine-readable reason
 * @param reason human-readable reason, naming the rule that applied (the allow-list entry, the range, the threshold)
 */
public record Skip(String ip, SkipReason code, String reason, String findingId) {
}
