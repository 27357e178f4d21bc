package dev.portcullis.response.config;

import java.util.Optional;

/**
 * Where notifications go. Without {@code snsTopicArn} the stack creates its own topic. The Slack webhook URL is a
 * secret, so only the Secrets Manager secret (name or ARN) holding it is configured, never the URL.
 */
public record NotificationTargets(Optional<String> snsTopicArn, Optional<String> slackWebhookSecret) {

    public static NotificationTargets none() {
        return new NotificationTargets(Optional.empty(), Optional.empty());
    }
}
