package dev.portcullis.report;

import java.io.IOException;
import java.io.Writer;

import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.events.ReplayResult;

/**
 * The replay plan as one JSON document, {@code {"matchedRules": [...], "actions": [...], "skipped": [...]}}: the
 * response stack's own serialization of {@link ReplayResult}, so the plan printed here has the shape the Lambdas
 * pass between Step Functions states. Ends with a newline.
 */
public final class ReplayJsonReporter implements ReplayReporter {

    @Override
    public void write(ReplayResult result, ResponseConfig config, Writer out) throws IOException {
        // The response stack's mapper, not the checker's: one serialization of plans, wherever they are printed.
        out.write(ResponseJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
        out.write('\n');
        out.flush();
    }
}
