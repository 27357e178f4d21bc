package dev.portcullis.response.infra;

import java.util.Map;
import java.util.TreeMap;

/**
 * Parameter maps for generated JSON (state-machine Pass states, custom-resource API calls) with their keys in a fixed
 * order: {@code Map.of} iterates in an order that changes from one JVM to the next, which would make every synth of
 * the stack differ and every deploy look like a change.
 */
final class OrderedParameters {

    private OrderedParameters() {
    }

    /** The given key/value pairs, keys in sorted order. */
    static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        Map<String, Object> map = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
