package dev.portcullis.response.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.response.ResponseJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Calls handlers the way the Lambda runtime does (bytes in, bytes out) and runs record-ip as the state machine does. */
final class StepInvoker {
    private StepInvoker() {
    }

    static JsonNode invoke(StepHandler handler, String input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null);
            return ResponseJson.mapper().readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode invoke(StepHandler handler, JsonNode input) {
        return invoke(handler, input.toString());
    }

    /**
     * record-ip as the state machine wires it: Decide → (any action?) Store → (dry run?) Enforce → Notify, each
     * result put at $.plan, $.stored, $.enforced; a step reporting failure is retried as Step Functions would retry.
     */
    static ObjectNode recordIp(ResponseAdapters adapters, String event) {
        return recordIp(adapters, event, null);
    }

    /** As above; with a lock, enforce steps never overlap, as with the function's reserved concurrency of 1. */
    static ObjectNode recordIp(ResponseAdapters adapters, String event, Object singleWriter) {
        ObjectNode state = ResponseJson.mapper().createObjectNode();
        try {
            JsonNode parsed = ResponseJson.mapper().readTree(event);
            if (parsed != null && parsed.isObject()) {
                state = (ObjectNode) parsed;
            }
        } catch (IOException notJson) {
            // EventBridge only delivers JSON objects; the handlers are still given the raw text below.
        }
        state.set("plan", invoke(new DecideHandler(() -> adapters), event));
        if (!state.path("plan").path("actions").has(0)) {
            return state;
        }
        state.set("stored", retrying(new StoreHandler(() -> adapters), state.get("plan")));
        if (!state.path("plan").path("dryRun").asBoolean()) {
            if (singleWriter == null) {
                state.set("enforced", retrying(new EnforceHandler(() -> adapters), state.get("stored")));
            } else {
                synchronized (singleWriter) {
                    state.set("enforced", retrying(new EnforceHandler(() -> adapters), state.get("stored")));
                }
            }
        }
        state.set("notified", retrying(new NotifyHandler(() -> adapters), state));
        return state;
    }

    private static JsonNode retrying(StepHandler handler, JsonNode input) {
        JsonNode output = invoke(handler, input);
        for (int attempt = 1; attempt < 5 && output.path("retryable").asBoolean(); attempt++) {
            output = invoke(handler, input);
        }
        return output;
    }

    static JsonNode readTree(String json) {
        try {
            return ResponseJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
