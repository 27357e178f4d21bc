package dev.portcullis.response.lambda.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/**
 * A FAKE of Security Hub's BatchUpdateFindings (PATCH /findings/batchupdate), the one call moto lacks. It validates
 * what AWS validates and the adapter could get wrong (1-100 identifiers, Note needs Text of at most 512 characters
 * and UpdatedBy, the workflow status is one of AWS's four), reports unknown findings as unprocessed with
 * FindingNotFound, and records every accepted update for assertions.
 */
public final class FakeSecurityHubFindings extends LoopbackJsonServer {
    private static final Set<String> WORKFLOW_STATUSES = Set.of("NEW", "NOTIFIED", "RESOLVED", "SUPPRESSED");

    private final Set<FindingId> known = new HashSet<>();
    private final List<Update> updates = new ArrayList<>();

    /** A finding identifier as Security Hub keys it. */
    public record FindingId(String id, String productArn) {
    }

    /** One finding's accepted update. */
    public record Update(FindingId finding, String noteText, String updatedBy, String workflowStatus) {
    }

    public static FakeSecurityHubFindings start() {
        return new FakeSecurityHubFindings();
    }

    /** Findings the fake will accept updates for; others come back unprocessed. */
    public synchronized void knownFinding(String id, String productArn) {
        known.add(new FindingId(id, productArn));
    }

    public synchronized List<Update> updates() {
        return List.copyOf(updates);
    }

    public SecurityHubClient client() {
        return SecurityHubClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("fake", "fake")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    @Override
    protected synchronized Reply handle(String method, String path, HttpExchange exchange, JsonNode body) {
        if (!"PATCH".equals(method) || !"/findings/batchupdate".equals(path)) {
            return error(404, "InvalidAccessException", "the fake only implements PATCH /findings/batchupdate, not " + method + " " + path);
        }
        JsonNode identifiers = body.path("FindingIdentifiers");
        if (!identifiers.isArray() || identifiers.isEmpty() || identifiers.size() > 100) {
            return error(400, "InvalidInputException", "FindingIdentifiers must hold 1 to 100 identifiers");
        }
        JsonNode note = body.get("Note");
        String noteText = note == null ? null : text(note.get("Text"));
        String updatedBy = note == null ? null : text(note.get("UpdatedBy"));
        if (note != null && (noteText == null || noteText.isEmpty() || noteText.length() > 512 || updatedBy == null || updatedBy.isEmpty())) {
            return error(400, "InvalidInputException", "Note needs Text (1-512 characters) and UpdatedBy");
        }
        String status = text(body.path("Workflow").get("Status"));
        if (status != null && !WORKFLOW_STATUSES.contains(status)) {
            return error(400, "InvalidInputException", "unknown workflow status " + status);
        }
        ObjectNode response = JSON.createObjectNode();
        ArrayNode processed = response.putArray("ProcessedFindings");
        ArrayNode unprocessed = response.putArray("UnprocessedFindings");
        for (JsonNode identifier : identifiers) {
            FindingId id = new FindingId(text(identifier.get("Id")), text(identifier.get("ProductArn")));
            if (known.contains(id)) {
                updates.add(new Update(id, noteText, updatedBy, status));
                processed.add(identifier.deepCopy());
            } else {
                ObjectNode failure = unprocessed.addObject();
                failure.set("FindingIdentifier", identifier.deepCopy());
                failure.put("ErrorCode", "FindingNotFound");
                failure.put("ErrorMessage", "no finding " + id.id());
            }
        }
        return ok(response);
    }
}
