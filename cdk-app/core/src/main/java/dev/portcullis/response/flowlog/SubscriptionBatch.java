package dev.portcullis.response.flowlog;

import java.util.List;

/**
 * A CloudWatch Logs subscription delivery, decoded: {@code DATA_MESSAGE} with the log events of one log stream, or
 * {@code CONTROL_MESSAGE} (CloudWatch Logs checking that the destination is reachable; it carries no records).
 */
public record SubscriptionBatch(String messageType, String owner, String logGroup, String logStream,
                                List<LogEvent> logEvents) {

    public static final String DATA_MESSAGE = "DATA_MESSAGE";
    public static final String CONTROL_MESSAGE = "CONTROL_MESSAGE";

    public SubscriptionBatch {
        logEvents = List.copyOf(logEvents);
    }

    /** One log event: for a flow log, one record. */
    public record LogEvent(String id, long timestamp, String message) {
    }
}
