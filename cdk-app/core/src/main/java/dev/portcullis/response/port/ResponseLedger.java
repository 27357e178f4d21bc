package dev.portcullis.response.port;

import java.time.Duration;
import java.time.Instant;

/**
 * The kill switch's memory across invocations (DynamoDB in AWS): how many instances it responded to in the current
 * window, and which. Claims are atomic, so concurrent invocations cannot together exceed the limit.
 */
@FunctionalInterface
public interface ResponseLedger {

    /**
     * Claims a response to {@code instanceId}: true when the instance has no claim younger than {@code window} and
     * fewer than {@code maxPerWindow} instances were claimed in the window that holds {@code now}; then both are
     * recorded. False otherwise, recording nothing.
     */
    boolean claim(String instanceId, Instant now, Duration window, int maxPerWindow);
}
