package dev.portcullis.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.sample.SampleApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;

/**
 * Synthesizes the sample app under fixtures/cdk-plugin-sample in this JVM, through CDK's own policy validation:
 * the insecure variant must fail synth with our rules in CDK's validation report, the fixed one must pass.
 */
class SampleSynthTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void insecureBucketFailsSynthWithOurRulesInTheReport(@TempDir Path out) throws IOException {
        App app = SampleApp.create(App.Builder.create().outdir(out.toString()));

        // What `cdk synth` sees: the app's synth throws, so the app exits non-zero.
        RuntimeException failure = assertThrows(RuntimeException.class, app::synth);
        assertTrue(failure.getMessage().contains("Validation failed"), failure.getMessage());

        JsonNode report = portcullisReport(out);
        assertEquals("failure", report.path("conclusion").asText());
        assertEquals("high", report.path("metadata").path("fail-on").asText());
        JsonNode publicPolicy = violation(report, "s3-bucket-not-public-via-policy");
        assertEquals("error", publicPolicy.path("severity").asText());
        assertEquals("critical", publicPolicy.path("ruleMetadata").path("portcullis-severity").asText());
        assertFalse(publicPolicy.path("suggestedFix").asText().isBlank());
        JsonNode construct = publicPolicy.path("violatingConstructs").get(0);
        // CDK maps our template path and logical id back to the construct that made the resource.
        assertEquals("UploadStack/Uploads/Resource", construct.path("constructPath").asText());
        assertEquals("UploadStack.template.json", construct.path("cloudFormationResource").path("templatePath").asText());
        // Below fail-on: reported, but as a warning that does not fail synth.
        assertEquals("warning", violation(report, "s3-bucket-versioning").path("severity").asText());
    }

    @Test
    void fixedBucketPasses(@TempDir Path out) throws IOException {
        App app = SampleApp.create(App.Builder.create().outdir(out.toString()).context(Map.of("fixed", "true")));

        app.synth();

        JsonNode report = portcullisReport(out);
        assertEquals("success", report.path("conclusion").asText());
        assertEquals("1", report.path("metadata").path("templates").asText());
        for (JsonNode v : report.path("violations")) {
            assertFalse(List.of("error", "fatal").contains(v.path("severity").asText()), v.toString());
        }
        assertTrue(Files.exists(out.resolve("UploadStack.template.json")));
    }

    private static JsonNode portcullisReport(Path out) throws IOException {
        JsonNode root = JSON.readTree(out.resolve("validation-report.json").toFile());
        List<JsonNode> ours = new ArrayList<>();
        root.path("pluginReports").forEach(r -> {
            if (r.path("pluginName").asText().equals(PortcullisValidation.NAME)) {
                ours.add(r);
            }
        });
        assertEquals(1, ours.size(), root.toPrettyString());
        return ours.get(0);
    }

    private static JsonNode violation(JsonNode report, String rule) {
        for (JsonNode v : report.path("violations")) {
            if (v.path("ruleName").asText().equals(rule)) {
                return v;
            }
        }
        throw new AssertionError("no violation of " + rule + " in " + report.toPrettyString());
    }
}
