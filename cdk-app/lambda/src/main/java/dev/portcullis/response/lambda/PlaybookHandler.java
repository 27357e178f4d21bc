package dev.portcullis.response.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.service.InstanceResponder;
import dev.portcullis.response.service.InstanceResponseOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The frame of the functions EventBridge and CloudWatch Logs invoke directly (not steps of a workflow): read the
 * input, plan, carry the plan out, write the plan and the outcome as JSON, log one line, and never throw. A failed
 * action is in the outcome, the notification and an {@code ERROR} log line; a broken environment in the output and
 * an {@code ERROR} line.
 */
abstract class PlaybookHandler implements RequestStreamHandler {

    private final String name;
    private final Supplier<PlaybookAdapters> adapters;

    PlaybookHandler(String name, Supplier<PlaybookAdapters> adapters) {
        this.name = name;
        this.adapters = adapters;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        StepLog log = new StepLog(name, context);
        ObjectNode result = ResponseJson.mapper().createObjectNode();
        try {
            byte[] raw = input.readAllBytes();
            PlaybookAdapters ports = adapters.get();
            Plan plan = plan(raw, ports);
            InstanceResponseOutcome outcome = new InstanceResponder(ports.isolation(), ports.notifier(),
                    ports.findingStatus(), ports.clock()).execute(plan);
            result.put("status", outcome.failed().isEmpty() ? StepStatus.OK : StepStatus.FAILED);
            result.set("plan", ResponseJson.mapper().valueToTree(plan));
            result.set("outcome", ResponseJson.mapper().valueToTree(outcome));
            Map<String, Object> fields = Map.of(
                    "actions", plan.actions().stream().collect(Collectors.groupingBy(
                            a -> a.actionType().wireName(), Collectors.counting())),
                    "skipped", plan.skipped().stream().collect(Collectors.groupingBy(
                            s -> s.code().wireName(), Collectors.counting())),
                    "dryRun", plan.dryRun(), "done", outcome.done(), "failed", outcome.failed());
            if (outcome.failed().isEmpty()) {
                log.info("responded", fields);
            } else {
                log.error("responded; some actions failed", fields);
            }
        } catch (RuntimeException | IOException | Error e) {
            StepStatus failure = StepStatus.of(e);
            log.error(failure.reason(), e);
            result.removeAll();
            result.put("status", StepStatus.FAILED);
            result.put("reason", failure.reason());
        }
        ResponseJson.mapper().writeValue(output, result);
    }

    /** The plan for the input; bad input is a plan of skips, never an exception. */
    abstract Plan plan(byte[] input, PlaybookAdapters adapters);

    static JsonNode tree(byte[] input) {
        try {
            return ResponseJson.mapper().readTree(input);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
