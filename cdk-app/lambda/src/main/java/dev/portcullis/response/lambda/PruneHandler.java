package dev.portcullis.response.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.port.BlockRecord;
import dev.portcullis.response.service.PruneExpired;
import dev.portcullis.response.service.PruneResult;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * prune-ip: one page of expired blocks. Input {@code {"cursor": "..."}} (no cursor for the first page); output the
 * page's outcome with {@code next}, the cursor of the following page, absent on the last so the workflow stops.
 * Each enforcement point gets one write per page for all its expired addresses; a record is removed only once its
 * block is lifted, so a failed write leaves it for the next run (reported as failed, retryable) and the loop goes on.
 */
public final class PruneHandler extends StepHandler {
    /** Records per page: one page is at most one write per enforcement point and fits the workflow state easily. */
    static final int PAGE_SIZE = PruneExpired.DEFAULT_PAGE_SIZE;

    public PruneHandler() {
        this(SystemAdapters.INSTANCE);
    }

    public PruneHandler(Supplier<ResponseAdapters> adapters) {
        super("prune", adapters);
    }

    @Override
    JsonNode run(byte[] input, ResponseAdapters adapters, StepLog log) {
        String cursor = null;
        try {
            JsonNode request = input.length == 0 ? null : ResponseJson.mapper().readTree(input);
            if (request != null && request.hasNonNull("cursor")) {
                if (!request.get("cursor").isTextual()) {
                    return failed("cursor must be a string", false, log);
                }
                cursor = request.get("cursor").asText();
            }
        } catch (IOException e) {
            return failed("the prune request is not JSON: " + e.getMessage(), false, log);
        }
        PruneResult result;
        try {
            result = new PruneExpired(adapters.blocklist(), adapters.enforcers(), adapters.clock(), PAGE_SIZE)
                    .prunePage(adapters.clock().instant(), cursor);
        } catch (IllegalArgumentException e) {
            return failed("bad cursor: " + e.getMessage(), false, log);
        }
        ObjectNode body = ResponseJson.mapper().createObjectNode();
        body.put("removed", result.removed().size());
        body.set("removedIps", ResponseJson.mapper().valueToTree(result.removed().stream().map(BlockRecord::ip).toList()));
        body.put("failed", result.failed().size());
        body.set("errors", ResponseJson.mapper().valueToTree(result.errors()));
        result.next().ifPresent(next -> body.put("next", next));
        log.info("pruned a page", Map.of("removed", result.removed().size(), "failed", result.failed().size(),
                "more", result.next().isPresent()));
        StepStatus status = result.errors().isEmpty() ? StepStatus.ok()
                : StepStatus.failed("unblocking failed at " + String.join("; ", result.errors()), true);
        return status(body, status);
    }
}
