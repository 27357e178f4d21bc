package dev.portcullis.checks.iam;

import dev.portcullis.checks.values.Answer;
import dev.portcullis.resolve.Value;

/**
 * Whether a statement opens access to everyone, and the principal entry that does ({@code "*"} or an {@code AWS}
 * entry {@code *}), where a finding points. {@code answer} is NO, with no value, when it does not.
 */
public record PublicGrant(Answer answer, Value value, String path) {

    public static final PublicGrant NONE = new PublicGrant(Answer.NO, null, null);

    PublicGrant with(Answer other) {
        return new PublicGrant(answer.and(other), value, path);
    }
}
