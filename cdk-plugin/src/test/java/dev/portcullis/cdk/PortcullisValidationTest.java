package dev.portcullis.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.portcullis.model.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.IPolicyValidationContext;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyValidationStack;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;
import software.constructs.IConstruct;

/** The plugin called directly, as CDK calls it, on templates written by the test. */
class PortcullisValidationTest {

    static final String OPEN_SSH = """
            {"Resources": {
              "Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {
                "GroupDescription": "ssh",
                "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}]}}
            }}
            """;

    /** SSH open to the world in us-east-1 only; elsewhere only to a private range. */
    private static final String OPEN_SSH_IN_US_EAST_1 = """
            {"Conditions": {"InUsEast1": {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}},
             "Resources": {
              "Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {
                "GroupDescription": "ssh",
                "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                  "CidrIp": {"Fn::If": ["InUsEast1", "0.0.0.0/0", "10.0.0.0/8"]}}]}}
            }}
            """;

    @TempDir
    Path dir;

    @Test
    void findingAtFailOnFailsWithOneViolationPerRule() throws IOException {
        Path template = write("open.template.json", OPEN_SSH);

        PolicyValidationPluginReport report = PortcullisValidation.create().validate(context(template));

        assertFalse(report.getSuccess());
        PolicyViolation ssh = violation(report, "ec2-sg-world-ingress-web-ports-only");
        assertEquals("error", ssh.getSeverity());
        PolicyViolatingResource resource = ssh.getViolatingResources().get(0);
        assertEquals("Sg", resource.getResourceLogicalId());
        assertEquals(template.toString(), resource.getTemplatePath());
        assertTrue(resource.getLocations().stream().allMatch(l -> l.startsWith("Properties.SecurityGroupIngress")),
                resource.getLocations().toString());
        assertEquals(1, report.getViolations().stream().filter(v -> v.getRuleName().equals(ssh.getRuleName())).count());
        assertEquals(PortcullisValidation.create().getVersion(), report.getPluginVersion());
    }

    @Test
    void findingsBelowFailOnAreWarningsThatDoNotFail() throws IOException {
        Path template = write("open.template.json", OPEN_SSH);
        PortcullisValidation criticalOnly = PortcullisValidation.builder().failOn(Severity.CRITICAL).build();

        PolicyValidationPluginReport report = criticalOnly.validate(context(template));

        // SSH open to the world is critical: still an error; the medium web-ports rule is only a warning.
        assertFalse(report.getSuccess());
        assertEquals("error", violation(report, "ec2-sg-no-world-admin-ports").getSeverity());
        PolicyViolation webPorts = violation(report, "ec2-sg-world-ingress-web-ports-only");
        assertEquals("warning", webPorts.getSeverity());
        assertEquals("medium", webPorts.getRuleMetadata().get("portcullis-severity"));

        PolicyValidationPluginReport withoutCritical = PortcullisValidation.builder().failOn(Severity.CRITICAL)
                .disable("ec2-sg-no-world-admin-ports").build().validate(context(template));
        assertTrue(withoutCritical.getSuccess(), () -> describe(withoutCritical));
        assertEquals("warning", violation(withoutCritical, "ec2-sg-world-ingress-web-ports-only").getSeverity());
    }

    @Test
    void disabledRuleIsNotReported() throws IOException {
        Path template = write("open.template.json", OPEN_SSH);
        PortcullisValidation plugin = PortcullisValidation.builder().disable("ec2-sg-world-ingress-web-ports-only").build();

        PolicyValidationPluginReport report = plugin.validate(context(template));

        assertTrue(report.getViolations().stream().noneMatch(v -> v.getRuleName().equals("ec2-sg-world-ingress-web-ports-only")));
        assertFalse(plugin.getRuleIds().contains("ec2-sg-world-ingress-web-ports-only"));
    }

    @Test
    void regionFromCdkDecidesRegionDependentFindings() throws IOException {
        Path template = write("regional.template.json", OPEN_SSH_IN_US_EAST_1);
        PortcullisValidation plugin = PortcullisValidation.create();

        // Region not known (an environment-agnostic stack): the us-east-1 branch may deploy, so it fails.
        PolicyValidationPluginReport anyRegion = plugin.validate(context(template));
        assertEquals("error", violation(anyRegion, "ec2-sg-no-world-admin-ports").getSeverity());
        assertFalse(anyRegion.getMetadata().containsKey("region"));

        PolicyValidationPluginReport euWest1 = plugin.validate(context("eu-west-1", "111111111111", template));
        assertTrue(euWest1.getSuccess(), () -> describe(euWest1));
        assertTrue(euWest1.getViolations().isEmpty(), () -> describe(euWest1));
        assertEquals("eu-west-1", euWest1.getMetadata().get("region"));
        assertEquals("111111111111", euWest1.getMetadata().get("account"));

        PolicyValidationPluginReport usEast1 = plugin.validate(context("us-east-1", null, template));
        assertFalse(usEast1.getSuccess());
        assertEquals("error", violation(usEast1, "ec2-sg-no-world-admin-ports").getSeverity());
    }

    @Test
    void unreadableTemplateFailsClosed() throws IOException {
        Path broken = write("broken.template.json", "{\"Resources\": {\"A\": ");
        Path missing = dir.resolve("missing.template.json");

        PolicyValidationPluginReport report = PortcullisValidation.create().validate(context(broken, missing));

        assertFalse(report.getSuccess());
        List<PolicyViolation> errors = report.getViolations().stream()
                .filter(v -> v.getRuleName().equals(PolicyReport.INPUT_ERROR_RULE)).toList();
        assertEquals(2, errors.size(), () -> describe(report));
        assertTrue(errors.stream().allMatch(v -> v.getSeverity().equals("fatal")));
        assertTrue(errors.stream().anyMatch(v -> v.getDescription().contains(missing.toString())));
        assertEquals("2", report.getMetadata().get("errors"));
    }

    @Test
    void unknownRuleOrPackFailsWhenThePluginIsBuilt() {
        IllegalArgumentException rule = assertThrows(IllegalArgumentException.class,
                () -> PortcullisValidation.builder().enable("no-such-rule").build());
        assertTrue(rule.getMessage().contains("no-such-rule"), rule.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PortcullisValidation.builder().pack("no-such-pack").build());
    }

    @Test
    void usersRulesDirectoryIsRun() throws IOException {
        Path rules = dir.resolve("rules/ec2");
        Files.createDirectories(rules);
        Files.writeString(rules.resolve("team-sg-description-mentions-owner.rule.yaml"), """
                id: team-sg-description-mentions-owner
                title: Security groups name their owner in the description
                severity: high
                resourceTypes: [AWS::EC2::SecurityGroup]
                assert:
                  matches: {path: GroupDescription, pattern: "owner:"}
                message: Security group {resource} does not name its owner
                remediation: Add "owner:TEAM" to GroupDescription.
                rationale: Someone has to answer for an open port.
                """);
        Path template = write("open.template.json", OPEN_SSH);
        PortcullisValidation plugin = PortcullisValidation.builder().rulesDir(dir.resolve("rules").toString()).build();

        PolicyValidationPluginReport report = plugin.validate(context(template));

        PolicyViolation own = violation(report, "team-sg-description-mentions-owner");
        assertEquals("Add \"owner:TEAM\" to GroupDescription.", own.getFix());
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static IPolicyValidationContext context(Path... templates) {
        return context(null, null, templates);
    }

    /** What CDK passes for one environment's stacks; region and account are null when the stacks do not set them. */
    static IPolicyValidationContext context(String region, String account, Path... templates) {
        List<String> paths = java.util.Arrays.stream(templates).map(Path::toString).toList();
        return new IPolicyValidationContext() {
            @Override
            public IConstruct getAppConstruct() {
                throw new UnsupportedOperationException("the plugin reads only the template paths");
            }

            @Override
            public List<String> getTemplatePaths() {
                return paths;
            }

            @Override
            public List<PolicyValidationStack> getStackTemplates() {
                return paths.stream().map(p -> PolicyValidationStack.builder().templatePath(p)
                        .stackConstructPath(Path.of(p).getFileName().toString()).build()).toList();
            }

            @Override
            public String getRegion() {
                return region;
            }

            @Override
            public String getAccountId() {
                return account;
            }
        };
    }

    static PolicyViolation violation(PolicyValidationPluginReport report, String rule) {
        return report.getViolations().stream().filter(v -> v.getRuleName().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule + " in " + describe(report)));
    }

    static String describe(PolicyValidationPluginReport report) {
        StringBuilder b = new StringBuilder("success=" + report.getSuccess());
        report.getViolations().forEach(v -> b.append("\n  ").append(v.getRuleName()).append(' ')
                .append(v.getSeverity()).append(' ').append(v.getDescription()));
        return b.toString();
    }
}
