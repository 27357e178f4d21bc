package dev.portcullis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputError;
import dev.portcullis.model.Severity;
import dev.portcullis.model.Summary;

/** The JSON contract: fields, types, nulls, order and determinism. */
class JsonReporterTest {

    private static final Set<String> SEVERITIES = Set.of("critical", "high", "medium", "low", "info");

    private static final Finding BUCKET = new Finding("s3-bucket-encryption", Severity.HIGH, "app/t.yaml", 12, 7,
            "Bucket", "AWS::S3::Bucket", "Resources/Bucket/Properties/BucketEncryption", "bucket is not encrypted",
            null);
    private static final Finding SCOPED = new Finding("ec2-open-ssh", Severity.MEDIUM, "app/t.yaml", 30, 11, "Sg",
            "AWS::EC2::SecurityGroup", "Resources/Sg/Properties/SecurityGroupIngress/0/CidrIp", "ssh open",
            "IsProd=true");
    private static final Finding GLOBAL = new Finding("template-transform", Severity.INFO, "a.json", 1, 1, null,
            null, "Transform", "unknown macro \"Count\"", null);
    private static final InputError MISSING = new InputError("gone.yaml", null, "file not found");
    private static final InputError BROKEN = new InputError("b.yaml", 3, "mapping values are not allowed here");

    private static String write(List<Finding> findings, List<InputError> errors) throws IOException {
        StringWriter out = new StringWriter();
        new JsonReporter().write(new CheckResult(findings, errors, Summary.of(4, 2, 9, findings, errors.size())),
                out);
        return out.toString();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void documentShapeAndTypes() throws IOException {
        JsonNode doc = new ObjectMapper().readTree(write(List.of(BUCKET, SCOPED, GLOBAL), List.of(MISSING, BROKEN)));
        assertEquals(List.of("findings", "unknown", "errors", "summary"), fieldNames(doc));

        JsonNode findings = doc.get("findings");
        assertEquals(3, findings.size());
        for (JsonNode f : findings) {
            assertTrue(f.get("ruleId").isTextual());
            assertTrue(SEVERITIES.contains(f.get("severity").asText()), f.toString());
            assertTrue(f.get("file").isTextual());
            assertTrue(f.get("line").isInt() && f.get("line").asInt() >= 1);
            assertTrue(f.get("column").isInt() && f.get("column").asInt() >= 1);
            assertTrue(f.has("resource"), "resource is always present, null for template-wide findings");
            assertTrue(f.get("resource").isTextual() || f.get("resource").isNull());
            assertTrue(f.get("path").isTextual());
            assertTrue(f.get("message").isTextual());
        }
        JsonNode global = findings.get(0);
        assertEquals("a.json", global.get("file").asText());
        assertTrue(global.get("resource").isNull());
        assertFalse(global.has("scenario"), "scenario is left out when the finding holds everywhere");

        JsonNode bucket = findings.get(1);
        assertEquals(List.of("ruleId", "severity", "file", "line", "column", "resource", "resourceType", "path",
                "message"), fieldNames(bucket));
        assertEquals("high", bucket.get("severity").asText());
        assertEquals(12, bucket.get("line").asInt());
        assertEquals(7, bucket.get("column").asInt());
        assertEquals("Bucket", bucket.get("resource").asText());
        assertEquals("AWS::S3::Bucket", bucket.get("resourceType").asText());
        assertEquals("Resources/Bucket/Properties/BucketEncryption", bucket.get("path").asText());
        assertEquals("IsProd=true", findings.get(2).get("scenario").asText());

        JsonNode errors = doc.get("errors");
        assertEquals("b.yaml", errors.get(0).get("file").asText());
        assertEquals(3, errors.get(0).get("line").asInt());
        assertEquals("mapping values are not allowed here", errors.get(0).get("message").asText());
        assertEquals("gone.yaml", errors.get(1).get("file").asText());
        assertFalse(errors.get(1).has("line"), "line is left out when unknown");

        JsonNode summary = doc.get("summary");
        assertEquals(List.of("files", "templates", "resources", "findings", "bySeverity", "suppressed", "unknown",
                        "errors"),
                fieldNames(summary));
        assertEquals(4, summary.get("files").asInt());
        assertEquals(3, summary.get("findings").asInt());
        assertEquals(List.of("critical", "high", "medium", "low", "info"), fieldNames(summary.get("bySeverity")));
        assertEquals(1, summary.get("bySeverity").get("high").asInt());
        assertEquals(0, summary.get("bySeverity").get("critical").asInt());
        assertEquals(2, summary.get("errors").asInt());
    }

    @Test
    void outputIsTheSameWhateverTheInputOrder() throws IOException {
        List<Finding> findings = new ArrayList<>(List.of(BUCKET, SCOPED, GLOBAL));
        List<InputError> errors = new ArrayList<>(List.of(MISSING, BROKEN));
        String first = write(findings, errors);
        Collections.reverse(findings);
        Collections.reverse(errors);
        assertEquals(first, write(findings, errors));
        assertFalse(first.contains("\r"));
        assertTrue(first.endsWith("}\n"));
    }

    @Test
    void emptyResultIsAValidDocument() throws IOException {
        String text = write(List.of(), List.of());
        assertTrue(text.startsWith("{\n  \"findings\": [],\n  \"unknown\": [],\n  \"errors\": [],\n  \"summary\": {\n"), text);
        JsonNode doc = new ObjectMapper().readTree(text);
        assertTrue(doc.get("findings").isArray() && doc.get("findings").isEmpty());
        assertTrue(doc.get("errors").isArray() && doc.get("errors").isEmpty());
        assertEquals(0, doc.get("summary").get("findings").asInt());
        assertEquals(0, doc.get("summary").get("unknown").asInt());
    }

    @Test
    void undeterminedResultsAreListedApartWithTheReason() throws IOException {
        Finding unknown = new Finding("s3-bucket-versioning", Severity.MEDIUM, "t.yaml", 11, 9, "Bucket",
                "AWS::S3::Bucket", "Resources/Bucket/Properties/VersioningConfiguration/Status",
                "parameter Status has no default", "IsProd=true");
        StringWriter out = new StringWriter();
        new JsonReporter().write(new CheckResult(List.of(BUCKET), List.of(unknown), List.of(),
                Summary.of(1, 1, 1, List.of(BUCKET), 0, 1)), out);
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertEquals(1, doc.get("findings").size());
        JsonNode u = doc.get("unknown").get(0);
        assertEquals("s3-bucket-versioning", u.get("ruleId").asText());
        assertEquals(11, u.get("line").asInt());
        assertEquals("parameter Status has no default", u.get("message").asText());
        assertEquals("IsProd=true", u.get("scenario").asText());
        assertEquals(1, doc.get("summary").get("unknown").asInt());
        assertEquals(1, doc.get("summary").get("findings").asInt(), "unknown results are not findings");
    }

    @Test
    void textIsEscapedNotTemplated() throws IOException {
        Finding odd = new Finding("r", Severity.LOW, "dir/\"quoted\"\n.yaml", 1, 1, "Bucket", "AWS::S3::Bucket", "p",
                "message with \"quotes\", a \\ and é", null);
        JsonNode doc = new ObjectMapper().readTree(write(List.of(odd), List.of()));
        assertEquals("dir/\"quoted\"\n.yaml", doc.get("findings").get(0).get("file").asText());
        assertEquals("message with \"quotes\", a \\ and é", doc.get("findings").get(0).get("message").asText());
    }
}
