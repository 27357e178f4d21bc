package dev.portcullis.audit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One CloudTrail management event, as EventBridge delivers it ({@code detail-type} "AWS API Call via CloudTrail"):
 * which call was made ({@code call} is the audited call's base name, {@code eventName} as recorded), where, by whom,
 * with which request, and what it returned.
 */
public record CloudTrailChange(
        String eventId,
        String eventTime,
        String eventSource,
        String eventName,
        String call,
        String region,
        String account,
        Actor actor,
        JsonNode requestParameters,
        JsonNode responseElements,
        String errorCode) {

    /**
     * Who made the call. {@code arn} is the identity's ARN (for an assumed role, the
     * {@code arn:aws:sts::...:assumed-role/...} session ARN); {@code sessionIssuerArn} the role behind a session;
     * {@code invokedBy} the AWS service that made the call on the identity's behalf, if any.
     */
    public record Actor(String type, String arn, String sessionIssuerArn, String invokedBy, String sourceIp) {

        /** The ARN to name in notifications: the session's, or the issuer's, or the type when neither is given. */
        public String display() {
            if (arn != null) {
                return arn;
            }
            return sessionIssuerArn != null ? sessionIssuerArn : type == null ? "an unknown identity" : type;
        }
    }
}
