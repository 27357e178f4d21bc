package dev.portcullis.cdk;

import static dev.portcullis.cdk.ValidationReportFile.portcullisReport;
import static dev.portcullis.cdk.ValidationReportFile.violation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.model.Severity;
import dev.portcullis.sample.UploadStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.IPolicyValidationContextBeta1;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyValidationPluginReportBeta1;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolatingResourceBeta1;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.PolicyViolationBeta1;
import software.constructs.IConstruct;

/**
 * The adapter for CDK's deprecated {@code policyValidationBeta1}: the same report in the beta types, and a real synth
 * through the beta registration. Tagged to run in its own surefire execution (see the module's pom), where CDK does
 * not fail on deprecated APIs.
 */
@Tag("cdk-beta1")
@SuppressWarnings("deprecation")
class PortcullisValidationBeta1Test {

    @Test
    void reportsWhatThePluginReports(@TempDir Path dir) throws IOException {
        Path template = dir.resolve("open.template.json");
        Files.writeString(template, PortcullisValidationTest.OPEN_SSH);
        PortcullisValidation plugin = PortcullisValidation.builder().failOn(Severity.CRITICAL).build();
        PortcullisValidationBeta1 beta = PortcullisValidationBeta1.of(plugin);

        PolicyValidationPluginReport expected = plugin.validate(PortcullisValidationTest.context(null, null, template));
        PolicyValidationPluginReportBeta1 actual = beta.validate(betaContext(template));

        assertEquals(plugin.getName(), beta.getName());
        assertEquals(plugin.getVersion(), beta.getVersion());
        assertEquals(plugin.getRuleIds(), beta.getRuleIds());
        assertFalse(actual.getSuccess());
        assertEquals(expected.getSuccess(), actual.getSuccess());
        assertEquals(expected.getMetadata(), actual.getMetadata());
        assertEquals(expected.getPluginVersion(), actual.getPluginVersion());
        // Both severities of fail-on appear: critical as an error, the medium web-ports rule as a warning.
        assertEquals(List.of("ec2-sg-no-world-admin-ports", "ec2-sg-world-ingress-web-ports-only"),
                actual.getViolations().stream().map(PolicyViolationBeta1::getRuleName).toList());
        assertEquals(expected.getViolations().size(), actual.getViolations().size());
        for (int i = 0; i < expected.getViolations().size(); i++) {
            PolicyViolation e = expected.getViolations().get(i);
            PolicyViolationBeta1 a = actual.getViolations().get(i);
            assertEquals(e.getRuleName(), a.getRuleName());
            assertEquals(e.getDescription(), a.getDescription());
            assertEquals(e.getFix(), a.getFix());
            assertEquals(e.getSeverity(), a.getSeverity());
            assertEquals(e.getRuleMetadata(), a.getRuleMetadata());
            assertEquals(e.getViolatingResources().size(), a.getViolatingResources().size());
            for (int j = 0; j < e.getViolatingResources().size(); j++) {
                PolicyViolatingResource er = e.getViolatingResources().get(j);
                PolicyViolatingResourceBeta1 ar = a.getViolatingResources().get(j);
                assertEquals(er.getResourceLogicalId(), ar.getResourceLogicalId());
                assertEquals(er.getTemplatePath(), ar.getTemplatePath());
                assertEquals(er.getLocations(), ar.getLocations());
            }
        }
    }

    @Test
    void unreadableTemplateFailsClosed(@TempDir Path dir) {
        PolicyValidationPluginReportBeta1 report = PortcullisValidationBeta1.of(PortcullisValidation.create())
                .validate(betaContext(dir.resolve("missing.template.json")));

        assertFalse(report.getSuccess());
        assertEquals("fatal", report.getViolations().get(0).getSeverity());
        assertEquals(PolicyReport.INPUT_ERROR_RULE, report.getViolations().get(0).getRuleName());
    }

    @Test
    void insecureStackFailsSynthThroughTheBetaRegistration(@TempDir Path out) throws IOException {
        App app = betaApp(out);
        new UploadStack(app, "UploadStack", false);

        RuntimeException failure = assertThrows(RuntimeException.class, app::synth);
        assertTrue(failure.getMessage().contains("Validation failed"), failure.getMessage());

        JsonNode publicPolicy = violation(portcullisReport(out), "s3-bucket-not-public-via-policy");
        assertEquals("error", publicPolicy.path("severity").asText());
        assertEquals("UploadStack/Uploads/Resource",
                publicPolicy.path("violatingConstructs").get(0).path("constructPath").asText());
    }

    @Test
    void fixedStackPassesThroughTheBetaRegistration(@TempDir Path out) throws IOException {
        App app = betaApp(out);
        new UploadStack(app, "UploadStack", true);

        app.synth();

        assertEquals("success", portcullisReport(out).path("conclusion").asText());
    }

    private static App betaApp(Path out) {
        return App.Builder.create()
                .outdir(out.toString())
                .policyValidationBeta1(List.of(PortcullisValidationBeta1.of(
                        PortcullisValidation.builder().failOn(Severity.HIGH).build())))
                .build();
    }

    private static IPolicyValidationContextBeta1 betaContext(Path... templates) {
        List<String> paths = java.util.Arrays.stream(templates).map(Path::toString).toList();
        return new IPolicyValidationContextBeta1() {
            @Override
            public IConstruct getAppConstruct() {
                throw new UnsupportedOperationException("the plugin reads only the template paths");
            }

            @Override
            public List<String> getTemplatePaths() {
                return paths;
            }
        };
    }
}
