package dev.portcullis.response.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.response.ResponseJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Template;

/** A synthesized template as a JSON tree, with the look-ups the stack tests share. */
final class SynthesizedTemplate {

    private final JsonNode root;

    SynthesizedTemplate(Template template) {
        this.root = ResponseJson.mapper().valueToTree(template.toJSON());
    }

    JsonNode root() {
        return root;
    }

    /** Logical id → resource, for every resource of {@code type}. */
    Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.path("Resources").properties()) {
            if (entry.getValue().path("Type").asText().equals(type)) {
                out.put(entry.getKey(), entry.getValue());
            }
        }
        return out;
    }

    /** The one resource of {@code type} whose logical id starts with {@code prefix}. */
    JsonNode resource(String type, String prefix) {
        List<JsonNode> found = resources(type).entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + " named " + prefix + "*, found " + found.size()
                    + " among " + resources(type).keySet());
        }
        return found.get(0);
    }

    String logicalId(String type, String prefix) {
        List<String> ids = resources(type).keySet().stream().filter(id -> id.startsWith(prefix)).toList();
        if (ids.size() != 1) {
            throw new AssertionError("expected one " + type + " named " + prefix + "*, found " + ids);
        }
        return ids.get(0);
    }

    /**
     * A state machine's definition as JSON. CloudFormation receives it as an Fn::Join of text and references; each
     * reference becomes the text {@code <ref:LogicalId>}, which is all a test needs to follow it.
     */
    JsonNode stateMachineDefinition(String prefix) {
        JsonNode definition = resource("AWS::StepFunctions::StateMachine", prefix).path("Properties")
                .path("DefinitionString");
        StringBuilder text = new StringBuilder();
        if (definition.isTextual()) {
            text.append(definition.asText());
        } else {
            for (JsonNode part : definition.path("Fn::Join").get(1)) {
                if (part.isTextual()) {
                    text.append(part.asText());
                } else if (part.has("Ref")) {
                    text.append("<ref:").append(part.get("Ref").asText()).append('>');
                } else if (part.has("Fn::GetAtt")) {
                    text.append("<ref:").append(part.get("Fn::GetAtt").get(0).asText()).append('>');
                } else {
                    text.append("<expr>");
                }
            }
        }
        try {
            return ResponseJson.mapper().readTree(text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every IAM policy statement of the template with the logical id of its policy. */
    List<Statement> statements() {
        List<Statement> out = new ArrayList<>();
        resources("AWS::IAM::Policy").forEach((id, policy) -> {
            for (JsonNode statement : policy.path("Properties").path("PolicyDocument").path("Statement")) {
                out.add(new Statement(id, list(statement.path("Action")), list(statement.path("Resource")),
                        (ObjectNode) statement));
            }
        });
        return out;
    }

    /** One IAM statement: its actions as text, its resources as JSON (strings or intrinsic functions). */
    record Statement(String policy, List<JsonNode> actionNodes, List<JsonNode> resources, ObjectNode raw) {
        List<String> actions() {
            return actionNodes.stream().map(JsonNode::asText).toList();
        }

        boolean anyResource() {
            return resources.stream().anyMatch(r -> r.isTextual() && r.asText().equals("*"));
        }
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(out::add);
        } else if (!node.isMissingNode()) {
            out.add(node);
        }
        return out;
    }
}
