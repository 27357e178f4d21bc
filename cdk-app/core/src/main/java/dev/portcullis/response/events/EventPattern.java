package dev.portcullis.response.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.response.ResponseJson;

import java.io.UncheckedIOException;
import java.util.Map;

/**
 * One EventBridge rule's event pattern, as data. {@code name} is the rule's logical name in the stack and in
 * {@code portcullis replay}'s {@code matchedRules}.
 */
public record EventPattern(String name, String description, JsonNode pattern) {

    public EventPattern {
        pattern = pattern.deepCopy();
    }

    @Override
    public JsonNode pattern() {
        return pattern.deepCopy();
    }

    /** The pattern as compact JSON text, as EventBridge and event-ruler take it. */
    public String json() {
        try {
            return ResponseJson.mapper().writeValueAsString(pattern);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The pattern as nested maps and lists: the form the CDK's {@code CfnRule.eventPattern} takes. Only for handing
     * to the CDK; code in this project reads {@link #pattern()}.
     */
    public Map<String, Object> toMap() {
        return ResponseJson.mapper().convertValue(pattern, new TypeReference<Map<String, Object>>() { });
    }
}
