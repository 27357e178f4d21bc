package dev.portcullis.response.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.response.ResponseJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The frame every handler shares: read the input, run the step, write JSON, and never let an exception out. A bad
 * input, a broken environment or a failing AWS call all end as an output with {@link StepStatus} {@code failed}, a
 * reason and whether a retry can help, plus a log line; the workflow decides what to do with it.
 */
abstract class StepHandler implements RequestStreamHandler {
    /** Step inputs are outputs of earlier steps plus workflow state: fields we do not read are expected. */
    static final ObjectReader LENIENT = ResponseJson.mapper().reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final String step;
    private final Supplier<ResponseAdapters> adapters;

    StepHandler(String step, Supplier<ResponseAdapters> adapters) {
        this.step = step;
        this.adapters = adapters;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        StepLog log = new StepLog(step, context);
        JsonNode result;
        try {
            byte[] raw = input.readAllBytes();
            result = run(raw, adapters.get(), log);
        } catch (RuntimeException | IOException | Error e) {
            StepStatus failure = StepStatus.of(e);
            log.error(failure.reason(), e);
            result = status(ResponseJson.mapper().createObjectNode(), failure);
        }
        ResponseJson.mapper().writeValue(output, result);
    }

    /** Runs the step; exceptions are turned into a failed output by the caller. */
    abstract JsonNode run(byte[] input, ResponseAdapters adapters, StepLog log) throws IOException;

    /** The step's output object with the status fields first. */
    static ObjectNode status(ObjectNode body, StepStatus status) {
        ObjectNode out = ResponseJson.mapper().createObjectNode();
        out.put("status", status.status());
        out.put("retryable", status.retryable());
        if (status.reason() != null) {
            out.put("reason", status.reason());
        }
        body.fields().forEachRemaining(e -> {
            if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    static ObjectNode tree(Object value) {
        return ResponseJson.mapper().valueToTree(value);
    }

    static JsonNode failed(String reason, boolean retryable, StepLog log) {
        log.info("step failed", Map.of("reason", reason, "retryable", retryable));
        return status(ResponseJson.mapper().createObjectNode(), StepStatus.failed(reason, retryable));
    }
}
