package dev.portcullis.response.lambda.aws;

import dev.portcullis.response.port.EnforcementPoint;

/**
 * A write refused before it was sent because the enforcement point could not hold the result. The enforce step
 * evicts before writing, so this means another writer filled the point in between; the step's retry recomputes.
 */
public final class CapacityExceededException extends RuntimeException {
    public CapacityExceededException(EnforcementPoint point, int needed, int capacity) {
        super(point.key() + " would hold " + needed + " addresses but has room for " + capacity);
    }
}
