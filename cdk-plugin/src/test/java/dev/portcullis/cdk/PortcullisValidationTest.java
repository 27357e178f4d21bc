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
import software.amazon.awscdk.IPolicyValidationContextBeta1;
import software.amazon.awscdk.PolicyValidationPluginReportBeta1;
import software.amazon.awscdk.PolicyViolatingResourceBeta1;
import software.amazon.awscdk.PolicyViolationBeta1;
import software.constructs.IConstruct;

/** The plugin called directly, as CDK calls it, on templates written by the test. */
class PortcullisValidationTest {

    private static final String OPEN_SSH = """
            {"Resources": {
              "Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {
                "GroupDescription": "ssh",
                "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}]}}
            }}
            """;

    @TempDir
    Path dir;

    @Test
    void findingAtFailOnFailsWithOneViolationPerRule() throws IOException {
        Path template = write("open.template.json", OPEN_SSH);

        PolicyValidationPluginReportBeta1 report = PortcullisValidation.create().validate(context(template));

        assertFalse(report.getSuccess());
        PolicyViolationBeta1 ssh = violation(report, "ec2-sg-world-ingress-web-ports-only");
        assertEquals("error", ssh.getSeverity());
        PolicyViolatingResourceBeta1 resource = ssh.getViolatingResources().get(0);
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

        PolicyValidationPluginReportBeta1 report = criticalOnly.validate(context(template));

        // SSH open to the world is critical: still an error; the medium web-ports rule is only a warning.
        assertFalse(report.getSuccess());
        assertEquals("error", violation(report, "ec2-sg-no-world-admin-ports").getSeverity());
        PolicyViolationBeta1 webPorts = violation(report, "ec2-sg-world-ingress-web-ports-only");
        assertEquals("warning", webPorts.getSeverity());
        assertEquals("medium", webPorts.getRuleMetadata().get("portcullis-severity"));

        PolicyValidationPluginReportBeta1 withoutCritical = PortcullisValidation.builder().failOn(Severity.CRITICAL)
                .disable("ec2-sg-no-world-admin-ports").build().validate(context(template));
        assertTrue(withoutCritical.getSuccess(), () -> describe(withoutCritical));
        assertEquals("warning", violation(withoutCritical, "ec2-sg-world-ingress-web-ports-only").getSeverity());
    }

    @Test
    void disabledRuleIsNotReported() throws IOException {
        Path template = write("open.template.json", OPEN_SSH);
        PortcullisValidation plugin = PortcullisValidation.builder().disable("ec2-sg-world-ingress-web-ports-only").build();

        PolicyValidationPluginReportBeta1 report = plugin.validate(context(template));

        assertTrue(report.getViolations().stream().noneMatch(v -> v.getRuleName().equals("ec2-sg-world-ingress-web-ports-only")));
        assertFalse(plugin.getRuleIds().contains("ec2-sg-world-ingress-web-ports-only"));
    }

    @Test
    void unreadableTemplateFailsClosed() throws IOException {
        Path broken = write("broken.template.json", "{\"Resources\": {\"A\": ");
        Path missing = dir.resolve("missing.template.json");

        PolicyValidationPluginReportBeta1 report = PortcullisValidation.create().validate(context(broken, missing));

        assertFalse(report.getSuccess());
        List<PolicyViolationBeta1> errors = report.getViolations().stream()
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

        PolicyValidationPluginReportBeta1 report = plugin.validate(context(template));

        PolicyViolationBeta1 own = violation(report, "team-sg-description-mentions-owner");
        assertEquals("Add \"owner:TEAM\" to GroupDescription.", own.getFix());
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static IPolicyValidationContextBeta1 context(Path... templates) {
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

    private static PolicyViolationBeta1 violation(PolicyValidationPluginReportBeta1 report, String rule) {
        return report.getViolations().stream().filter(v -> v.getRuleName().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule + " in " + describe(report)));
    }

    private static String describe(PolicyValidationPluginReportBeta1 report) {
        StringBuilder b = new StringBuilder("success=" + report.getSuccess());
        report.getViolations().forEach(v -> b.append("\n  ").append(v.getRuleName()).append(' ')
                .append(v.getSeverity()).append(' ').append(v.getDescription()));
        return b.toString();
    }
}
