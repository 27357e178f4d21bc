package dev.portcullis.response.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.portcullis.response.ResponseJson;
import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON line per log event, so CloudWatch Logs Insights can filter on step, level and reason. */
final class StepLog {
    private final String step;
    private final LambdaLogger logger;

    StepLog(String step, Context context) {
        this.step = step;
        this.logger = context == null || context.getLogger() == null ? new StandardError() : context.getLogger();
    }

    void info(String message, Map<String, ?> fields) {
        write("INFO", message, fields);
    }

    void error(String message, Throwable cause) {
        write("ERROR", message, Map.of("exception", String.valueOf(cause)));
    }

    /** An error that is not an exception (e.g. actions that failed while the step itself completed). */
    void error(String message, Map<String, ?> fields) {
        write("ERROR", message, fields);
    }

    private void write(String level, String message, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", level);
        line.put("step", step);
        line.put("message", message);
        line.putAll(fields);
        try {
            logger.log(ResponseJson.mapper().writeValueAsString(line) + "\n");
        } catch (JsonProcessingException e) {
            logger.log(level + " " + step + " " + message + "\n");
        }
    }

    /** Where lines go when there is no Lambda context (local runs). */
    private static final class StandardError implements LambdaLogger {
        @Override
        public void log(String message) {
            System.err.print(message);
        }

        @Override
        public void log(byte[] message) {
            System.err.print(new String(message, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
