package dev.portcullis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import com.fasterxml.jackson.databind.JsonNode;

import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputError;
import dev.portcullis.model.Severity;
import dev.portcullis.model.Summary;

/** SARIF details that do not need the gate: file names, levels, fingerprints, notifications. */
class SarifReporterTest {

    @TempDir
    Path root;

    private Finding finding(String file, int line, String resource) {
        return new Finding("s3-bucket-encryption", Severity.HIGH, file, line, 7, resource, "AWS::S3::Bucket",
                "Resources/" + resource + "/Properties/BucketEncryption", "bucket is not encrypted", null);
    }

    private JsonNode sarif(List<Finding> findings, List<InputError> errors) throws IOException {
        CheckResult result = new CheckResult(findings, errors,
                Summary.of(1, 1, findings.size(), findings, errors.size()));
        StringWriter out = new StringWriter();
        new SarifReporter(List.of(), "1.2.3", root).write(result, out);
        return SarifSchema.assertValid(out.toString());
    }

    @Test
    void filesUnderTheRootAreRelativeToSrcroot() throws IOException {
        String file = root.resolve("infra").resolve("my stack.yaml").toString();
        JsonNode run = sarif(List.of(finding(file, 12, "Bucket")), List.of()).get("runs").get(0);
        JsonNode artifact = run.get("results").get(0).get("locations").get(0).get("physicalLocation")
                .get("artifactLocation");
        assertEquals("infra/my%20stack.yaml", artifact.get("uri").asText());
        assertEquals("%SRCROOT%", artifact.get("uriBaseId").asText());
        String rootUri = run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asText();
        String expected = root.toUri().toString();
        assertEquals(expected.endsWith("/") ? expected : expected + "/", rootUri);
    }

    @Test
    void filesOutsideTheRootAreAbsoluteUris() throws IOException {
        Path outside = root.getParent().resolve("elsewhere.yaml");
        JsonNode artifact = sarif(List.of(finding(outside.toString(), 3, "Bucket")), List.of()).get("runs").get(0)
                .get("results").get(0).get("locations").get(0).get("physicalLocation").get("artifactLocation");
        assertEquals(outside.toUri().toString(), artifact.get("uri").asText());
        assertFalse(artifact.has("uriBaseId"));
    }

    @Test
    void resultCarriesLevelRegionLogicalLocationAndRule() throws IOException {
        String file = root.resolve("t.yaml").toString();
        JsonNode run = sarif(List.of(finding(file, 12, "Bucket")), List.of()).get("runs").get(0);
        JsonNode result = run.get("results").get(0);
        assertEquals("error", result.get("level").asText());
        JsonNode region = result.get("locations").get(0).get("physicalLocation").get("region");
        assertEquals(12, region.get("startLine").asInt());
        assertEquals(7, region.get("startColumn").asInt());
        JsonNode logical = result.get("locations").get(0).get("logicalLocations").get(0);
        assertEquals("Bucket", logical.get("name").asText());
        assertEquals("resource", logical.get("kind").asText());
        assertEquals("Resources/Bucket/Properties/BucketEncryption", logical.get("fullyQualifiedName").asText());
        JsonNode rule = run.get("tool").get("driver").get("rules").get(result.get("ruleIndex").asInt());
        assertEquals("s3-bucket-encryption", rule.get("id").asText());
        assertEquals("8.0", rule.get("properties").get("security-severity").asText());
        assertEquals("1.2.3", run.get("tool").get("driver").get("version").asText());
        assertTrue(result.get("partialFingerprints").get("portcullis/v1").asText().matches("[0-9a-f]{64}"));
    }

    @Test
    void fingerprintIgnoresLineAndTemplateFormatButNotResource() throws IOException {
        String yaml = root.resolve("t.yaml").toString();
        String json = root.resolve("t.json").toString();
        String first = fingerprint(sarif(List.of(finding(yaml, 12, "Bucket")), List.of()));
        assertEquals(first, fingerprint(sarif(List.of(finding(yaml, 40, "Bucket")), List.of())));
        assertEquals(first, fingerprint(sarif(List.of(finding(json, 7, "Bucket")), List.of())));
        assertNotEquals(first, fingerprint(sarif(List.of(finding(yaml, 12, "Logs")), List.of())));
        assertNotEquals(first,
                fingerprint(sarif(List.of(finding(root.resolve("u.yaml").toString(), 12, "Bucket")), List.of())));
    }

    @Test
    void unreadableInputsAreNotificationsAndInternalErrorsMarkTheRunFailed() throws IOException {
        String broken = root.resolve("broken.yaml").toString();
        JsonNode invocation = sarif(List.of(), List.of(new InputError(broken, 3, "mapping values not allowed"),
                new InputError("portcullis", null, "internal error: boom", true)))
                .get("runs").get(0).get("invocations").get(0);
        assertFalse(invocation.get("executionSuccessful").asBoolean());
        JsonNode notes = invocation.get("toolExecutionNotifications");
        assertEquals(2, notes.size());
        JsonNode input = notes.get(0);
        assertEquals("error", input.get("level").asText());
        assertEquals("broken.yaml: mapping values not allowed", input.get("message").get("text").asText());
        JsonNode location = input.get("locations").get(0).get("physicalLocation");
        assertEquals("broken.yaml", location.get("artifactLocation").get("uri").asText());
        assertEquals(3, location.get("region").get("startLine").asInt());
        assertFalse(notes.get(1).has("locations"));
    }

    @Test
    void theSchemaCheckRejectsAnInvalidLog() {
        assertThrows(AssertionFailedError.class, () -> SarifSchema.assertValid(
                "{\"version\": \"2.1.0\", \"runs\": [{\"results\": []}]}"));
    }

    @Test
    void severityMapsToLevelAndScore() {
        assertEquals(List.of("error", "error", "warning", "note", "note"),
                List.of(Severity.values()).stream().map(SarifReporter::level).toList());
        assertEquals(List.of("9.5", "8.0", "5.5", "3.0", "0.0"),
                List.of(Severity.values()).stream().map(SarifReporter::securitySeverity).toList());
    }

    private static String fingerprint(JsonNode log) {
        return log.get("runs").get(0).get("results").get(0).get("partialFingerprints").get("portcullis/v1").asText();
    }
}
