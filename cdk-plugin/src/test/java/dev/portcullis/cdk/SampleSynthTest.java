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
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.model.Severity;
import dev.portcullis.sample.SampleApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;

/**
 * Synthesizes the sample app under fixtures/cdk-plugin-sample in this JVM, through CDK's own policy validation:
 * the insecure variant must fail synth with our rules in CDK's validation report, the fixed one must pass.
 *
 * <p>These tests run with {@code JSII_DEPRECATED=fail} (see the module's pom): CDK throws on any deprecated API the
 * plugin or the sample calls, so they also show that our own usage prints no deprecation warning.
 */
class SampleSynthTest {

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

    /**
     * CDK passes the stack's environment to the non-beta plugin, and the gate evaluates the template for it: the
     * security group is open to the world only in us-east-1 (without a region, the gate would fail both).
     */
    @Test
    void stackRegionReachesTheGate(@TempDir Path out) throws IOException {
        // Passes: no exception (CDK leaves a plugin without violations out of the report file).
        regionalApp(out.resolve("eu-west-1"), "eu-west-1").synth();

        App usEast1 = regionalApp(out.resolve("us-east-1"), "us-east-1");
        assertThrows(RuntimeException.class, usEast1::synth);
        JsonNode failed = portcullisReport(out.resolve("us-east-1"));
        assertEquals("error", violation(failed, "ec2-sg-no-world-admin-ports").path("severity").asText());
        assertEquals("us-east-1", failed.path("metadata").path("region").asText());
        assertEquals("111111111111", failed.path("metadata").path("account").asText());
    }

    /** Makes the other tests' "no deprecated API" claim checkable: the deprecated registration is refused here. */
    @Test
    @SuppressWarnings("deprecation")
    void deprecatedRegistrationFailsInTheseTests() {
        App.Builder beta = App.Builder.create()
                .policyValidationBeta1(List.of(PortcullisValidationBeta1.of(PortcullisValidation.create())));

        RuntimeException refused = assertThrows(RuntimeException.class, beta::build);
        assertTrue(refused.getMessage().contains("policyValidationBeta1 is deprecated"), refused.getMessage());
    }

    /** A stack in {@code region} whose security group is open on SSH to the world only in us-east-1. */
    private static App regionalApp(Path out, String region) {
        App app = App.Builder.create().outdir(out.toString()).build();
        Validations.of(app).addPlugins(PortcullisValidation.builder().failOn(Severity.HIGH).build());
        Stack stack = Stack.Builder.create(app, "Regional")
                .env(Environment.builder().account("111111111111").region(region).build())
                .build();
        CfnCondition inUsEast1 = CfnCondition.Builder.create(stack, "InUsEast1")
                .expression(Fn.conditionEquals(Aws.REGION, "us-east-1"))
                .build();
        CfnSecurityGroup.Builder.create(stack, "Ssh")
                .groupDescription("ssh")
                .securityGroupIngress(List.of(CfnSecurityGroup.IngressProperty.builder()
                        .ipProtocol("tcp").fromPort(22).toPort(22)
                        .cidrIp(Fn.conditionIf(inUsEast1.getLogicalId(), "0.0.0.0/0", "10.0.0.0/8").toString())
                        .build()))
                .build();
        return app;
    }
}
