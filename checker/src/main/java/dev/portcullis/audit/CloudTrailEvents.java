package dev.portcullis.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.events.EventPatterns;
import dev.portcullis.response.finding.EventProblem;
import dev.portcullis.response.finding.MalformedEventException;

/**
 * Reads CloudTrail management events delivered by EventBridge. Every missing or mistyped field the audit needs is a
 * problem with its JSON path; an event with problems is refused as a whole.
 */
public final class CloudTrailEvents {

    private CloudTrailEvents() {
    }

    /** True when the text is a JSON object whose {@code detail-type} is that of CloudTrail API calls. */
    public static boolean isCloudTrail(String eventJson) {
        try {
            return isCloudTrail(ResponseJson.mapper().readTree(eventJson));
        } catch (Exception e) {
            return false;
        }
    }

    public static boolean isCloudTrail(JsonNode event) {
        return event != null && event.isObject()
                && EventPatterns.CLOUDTRAIL_DETAIL_TYPE.equals(event.path("detail-type").asText(null));
    }

    /** Parses JSON text; malformed JSON is a problem like any other. */
    public static JsonNode tree(String eventJson) throws MalformedEventException {
        try {
            JsonNode tree = ResponseJson.mapper().readTree(eventJson);
            if (tree == null || !tree.isObject()) {
                throw new MalformedEventException(List.of(new EventProblem("", "not a JSON object")));
            }
            return tree;
        } catch (MalformedEventException e) {
            throw e;
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new MalformedEventException(List.of(new EventProblem("", "not valid JSON: " + message)));
        }
    }

    /**
     * The change an event records. An event for a call the audit does not review still parses ({@code call} is then
     * null); the caller decides what to do with it.
     */
    public static CloudTrailChange read(JsonNode event) throws MalformedEventException {
        List<EventProblem> problems = new ArrayList<>();
        if (!isCloudTrail(event)) {
            problems.add(new EventProblem("detail-type", "is not '" + EventPatterns.CLOUDTRAIL_DETAIL_TYPE + "'"));
            throw new MalformedEventException(problems);
        }
        JsonNode detail = event.path("detail");
        if (!detail.isObject()) {
            throw new MalformedEventException(List.of(new EventProblem("detail", "missing or not an object")));
        }
        String source = text(detail, "eventSource", problems);
        String name = text(detail, "eventName", problems);
        String region = text(detail, "awsRegion", problems);
        JsonNode identity = detail.path("userIdentity");
        if (!identity.isObject()) {
            problems.add(new EventProblem("detail.userIdentity", "missing or not an object"));
        }
        JsonNode request = detail.path("requestParameters");
        if (!request.isMissingNode() && !request.isNull() && !request.isObject()) {
            problems.add(new EventProblem("detail.requestParameters", "not an object"));
        }
        JsonNode response = detail.path("responseElements");
        if (!response.isMissingNode() && !response.isNull() && !response.isObject()) {
            problems.add(new EventProblem("detail.responseElements", "not an object"));
        }
        if (!problems.isEmpty()) {
            throw new MalformedEventException(problems);
        }
        String account = optional(detail, "recipientAccountId")
                .or(() -> optional(identity, "accountId"))
                .or(() -> optional(event, "account")).orElse(null);
        JsonNode issuer = identity.path("sessionContext").path("sessionIssuer");
        CloudTrailChange.Actor actor = new CloudTrailChange.Actor(
                optional(identity, "type").orElse(null),
                optional(identity, "arn").orElse(null),
                optional(issuer, "arn").orElse(null),
                optional(identity, "invokedBy").orElse(null),
                optional(detail, "sourceIPAddress").orElse(null));
        return new CloudTrailChange(
                optional(detail, "eventID").orElse(optional(event, "id").orElse(null)),
                optional(detail, "eventTime").orElse(null),
                source, name, EventPatterns.auditedCall(source, name).orElse(null), region, account, actor,
                request.isObject() ? request : ResponseJson.mapper().createObjectNode(),
                response.isObject() ? response : ResponseJson.mapper().createObjectNode(),
                optional(detail, "errorCode").orElse(null));
    }

    private static String text(JsonNode parent, String field, List<EventProblem> problems) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            problems.add(new EventProblem("detail." + field, "missing"));
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(new EventProblem("detail." + field, "not a non-empty string"));
            return null;
        }
        return value.asText();
    }

    private static Optional<String> optional(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText())
                : Optional.empty();
    }
}
