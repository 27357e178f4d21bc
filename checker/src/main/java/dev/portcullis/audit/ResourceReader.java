package dev.portcullis.audit;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a deployed resource's current properties, CloudFormation-shaped, by type and Cloud Control identifier (the
 * Lambda binds it to Cloud Control's {@code GetResource}). Empty when the resource does not exist (any more);
 * {@link ResourceReadException} when it exists but cannot be read (permissions, throttling, a type Cloud Control
 * does not support).
 */
@FunctionalInterface
public interface ResourceReader {

    Optional<JsonNode> read(String type, String identifier);

    /** Why a resource could not be read. */
    final class ResourceReadException extends RuntimeException {
        public ResourceReadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
