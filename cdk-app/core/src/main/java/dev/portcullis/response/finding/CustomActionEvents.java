package dev.portcullis.response.finding;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads "Security Hub Findings - Custom Action" events: the action chosen (by the ARN in {@code resources}) and, from
 * each finding, the EC2 instances among its {@code Resources} ({@code Type: AwsEc2Instance}, {@code Id} an instance
 * ARN or id). Problems are collected with their JSON path; a finding with problems is left out, the others read.
 */
public final class CustomActionEvents {

    public static final String DETAIL_TYPE = "Security Hub Findings - Custom Action";
    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8,17}");

    private CustomActionEvents() {
    }

    /** What was read and what was wrong; {@code event} is empty when not even the envelope could be read. */
    public record Read(Optional<CustomActionEvent> event, List<EventProblem> problems) {
        public Read {
            problems = List.copyOf(problems);
        }
    }

    /** Whether the JSON is a custom-action event by source and detail-type (nothing else is checked). */
    public static boolean isCustomAction(JsonNode event) {
        return event != null && event.isObject()
                && FindingEvents.SECURITY_HUB_SOURCE.equals(event.path("source").asText())
                && DETAIL_TYPE.equals(event.path("detail-type").asText());
    }

    /** Lenient: never throws. */
    public static Read read(JsonNode event) {
        List<EventProblem> problems = new ArrayList<>();
        if (!isCustomAction(event)) {
            problems.add(new EventProblem("", "not a Security Hub custom-action event (source "
                    + FindingEvents.SECURITY_HUB_SOURCE + ", detail-type '" + DETAIL_TYPE + "')"));
            return new Read(Optional.empty(), problems);
        }
        JsonNode resources = event.get("resources");
        String actionArn = null;
        if (resources == null || !resources.isArray() || resources.isEmpty() || !resources.get(0).isTextual()) {
            problems.add(new EventProblem("resources", "missing, empty or not an array of the action's ARN"));
        } else {
            actionArn = resources.get(0).asText();
        }
        JsonNode detail = event.get("detail");
        if (detail == null || !detail.isObject()) {
            problems.add(new EventProblem("detail", "missing or not an object"));
            return new Read(Optional.empty(), problems);
        }
        JsonNode list = detail.get("findings");
        List<CustomActionEvent.ActionFinding> findings = new ArrayList<>();
        if (list == null || !list.isArray() || list.isEmpty()) {
            problems.add(new EventProblem("detail.findings", "missing, empty or not an array"));
        } else {
            for (int i = 0; i < list.size(); i++) {
                finding(list.get(i), "detail.findings[" + i + "]", problems).ifPresent(findings::add);
            }
        }
        if (actionArn == null) {
            return new Read(Optional.empty(), problems);
        }
        return new Read(Optional.of(new CustomActionEvent(CustomAction.ofArn(actionArn), actionArn,
                detail.path("actionName").asText(""), event.path("account").asText(""),
                event.path("region").asText(""), findings)), problems);
    }

    private static Optional<CustomActionEvent.ActionFinding> finding(JsonNode finding, String path,
                                                                    List<EventProblem> problems) {
        if (finding == null || !finding.isObject()) {
            problems.add(new EventProblem(path, "not an object"));
            return Optional.empty();
        }
        int before = problems.size();
        String id = text(finding, "Id", path, problems);
        String productArn = text(finding, "ProductArn", path, problems);
        JsonNode resources = finding.get("Resources");
        List<String> instances = new ArrayList<>();
        if (resources == null || !resources.isArray()) {
            problems.add(new EventProblem(path + ".Resources", "missing or not an array"));
        } else {
            for (int i = 0; i < resources.size(); i++) {
                JsonNode resource = resources.get(i);
                if (!"AwsEc2Instance".equals(resource.path("Type").asText())) {
                    continue;
                }
                String resourceId = resource.path("Id").asText("");
                String instanceId = resourceId.substring(resourceId.lastIndexOf('/') + 1);
                if (!INSTANCE_ID.matcher(instanceId).matches()) {
                    problems.add(new EventProblem(path + ".Resources[" + i + "].Id", "'" + resourceId
                            + "' does not name an EC2 instance (i-0123456789abcdef0 or its ARN)"));
                } else if (!instances.contains(instanceId)) {
                    instances.add(instanceId);
                }
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new CustomActionEvent.ActionFinding(id, productArn, finding.path("Title").asText(""),
                instances));
    }

    private static String text(JsonNode node, String key, String path, List<EventProblem> problems) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            problems.add(new EventProblem(path + "." + key, "missing or not a non-empty string"));
            return null;
        }
        return value.asText();
    }
}
