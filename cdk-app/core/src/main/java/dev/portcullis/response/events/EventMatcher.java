package dev.portcullis.response.events;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.event.ruler.Machine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Matches events against the stack's patterns with event-ruler, the matching engine EventBridge itself is built on,
 * so a local answer is the deployed answer.
 */
public final class EventMatcher {

    private final EventPatterns patterns;
    private final Machine machine = Machine.builder().build();

    public EventMatcher(EventPatterns patterns) {
        this.patterns = patterns;
        for (EventPattern pattern : patterns.all()) {
            try {
                machine.addRule(pattern.name(), pattern.json());
            } catch (IOException | RuntimeException e) {
                // Our own patterns: failing here is a bug in EventPatterns, not bad input.
                throw new IllegalStateException("event-ruler refused pattern " + pattern.name() + ": " + e, e);
            }
        }
    }

    /** Names of the rules matching the event, in {@link EventPatterns#all()} order. */
    public List<String> matchingRules(JsonNode event) {
        List<String> matched = machine.rulesForJSONEvent(event);
        return patterns.all().stream().map(EventPattern::name).filter(matched::contains).toList();
    }

    /** As {@link #matchingRules(JsonNode)}; the text must be a JSON object. */
    public List<String> matchingRules(String eventJson) {
        try {
            return matchingRules(dev.portcullis.response.ResponseJson.mapper().readTree(eventJson));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
