package dev.portcullis.response.port;

import dev.portcullis.response.plan.PlannedAction.Notify;

/** Sends a notification (SNS topic, Slack webhook). */
@FunctionalInterface
public interface Notifier {

    void send(Notify notice);
}
