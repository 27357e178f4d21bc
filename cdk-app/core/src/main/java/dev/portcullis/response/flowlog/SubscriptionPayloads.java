package dev.portcullis.response.flowlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.finding.EventProblem;
import dev.portcullis.response.finding.MalformedEventException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Decodes what a CloudWatch Logs subscription hands a Lambda function, {@code {"awslogs": {"data": BASE64(GZIP(JSON))}}},
 * or the decoded JSON itself ({@code {"messageType": "DATA_MESSAGE", "logEvents": [...]}}, as people save it), into a
 * {@link SubscriptionBatch}. Decompression is capped, so a small payload cannot expand into gigabytes.
 */
public final class SubscriptionPayloads {

    /** Far above what one delivery holds (Lambda takes at most 6 MB in, about 1 MB of gzip from CloudWatch Logs). */
    public static final int MAX_DECOMPRESSED_BYTES = 32 * 1024 * 1024;

    private SubscriptionPayloads() {
    }

    /** Whether the JSON has the shape of a subscription payload, encoded or decoded; says nothing of validity. */
    public static boolean looksLikePayload(JsonNode json) {
        return json != null && json.isObject() && (json.has("awslogs") || json.has("logEvents")
                || json.has("messageType"));
    }

    /** @throws MalformedEventException with every reason the payload cannot be read */
    public static SubscriptionBatch decode(String text) throws MalformedEventException {
        JsonNode json;
        try {
            json = ResponseJson.mapper().readTree(text == null ? "" : text);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw problem("", "not valid JSON: " + firstLine(e.getMessage()));
        }
        return decode(json);
    }

    public static SubscriptionBatch decode(JsonNode json) throws MalformedEventException {
        if (json == null || !json.isObject()) {
            throw problem("", "a subscription payload is a JSON object");
        }
        if (json.has("awslogs")) {
            JsonNode data = json.path("awslogs").get("data");
            if (data == null || !data.isTextual()) {
                throw problem("awslogs.data", "missing or not a string");
            }
            byte[] compressed;
            try {
                compressed = Base64.getDecoder().decode(data.asText().strip());
            } catch (IllegalArgumentException e) {
                throw problem("awslogs.data", "not base64: " + e.getMessage());
            }
            String decoded = gunzip(compressed);
            JsonNode inner;
            try {
                inner = ResponseJson.mapper().readTree(decoded);
            } catch (IOException | RuntimeException | StackOverflowError e) {
                throw problem("awslogs.data", "the decompressed data is not valid JSON: " + firstLine(e.getMessage()));
            }
            return message(inner, "awslogs.data");
        }
        return message(json, "");
    }

    private static SubscriptionBatch message(JsonNode json, String path) throws MalformedEventException {
        String prefix = path.isEmpty() ? "" : path + ".";
        if (!json.isObject()) {
            throw problem(path, "the message is not a JSON object");
        }
        List<EventProblem> problems = new ArrayList<>();
        String type = json.path("messageType").asText("");
        if (!SubscriptionBatch.DATA_MESSAGE.equals(type) && !SubscriptionBatch.CONTROL_MESSAGE.equals(type)) {
            problems.add(new EventProblem(prefix + "messageType", "'" + type + "' is not DATA_MESSAGE or "
                    + "CONTROL_MESSAGE"));
        }
        JsonNode events = json.get("logEvents");
        List<SubscriptionBatch.LogEvent> logEvents = new ArrayList<>();
        if (events == null || !events.isArray()) {
            problems.add(new EventProblem(prefix + "logEvents", "missing or not an array"));
        } else {
            for (int i = 0; i < events.size(); i++) {
                JsonNode event = events.get(i);
                JsonNode message = event.get("message");
                if (message == null || !message.isTextual()) {
                    problems.add(new EventProblem(prefix + "logEvents[" + i + "].message", "missing or not a string"));
                    continue;
                }
                logEvents.add(new SubscriptionBatch.LogEvent(event.path("id").asText(""),
                        event.path("timestamp").asLong(0), message.asText()));
            }
        }
        if (!problems.isEmpty()) {
            throw new MalformedEventException(problems);
        }
        return new SubscriptionBatch(type, json.path("owner").asText(""), json.path("logGroup").asText(""),
                json.path("logStream").asText(""), logEvents);
    }

    private static String gunzip(byte[] compressed) throws MalformedEventException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > MAX_DECOMPRESSED_BYTES) {
                    throw problem("awslogs.data", "decompresses to more than " + MAX_DECOMPRESSED_BYTES + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw problem("awslogs.data", "not gzip data: " + firstLine(e.getMessage()));
        }
    }

    private static MalformedEventException problem(String path, String reason) {
        return new MalformedEventException(List.of(new EventProblem(path, reason)));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
