package dev.portcullis.response.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.events.EventPatterns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Ruler;

/**
 * The audit of deployed changes in the synthesized stack: the CloudTrail rule and its pattern (matched against the
 * CloudTrail fixtures with event-ruler), the function and its target, and the role's least privilege.
 */
class AuditResponderTest {

    private static SynthesizedTemplate template;

    @BeforeAll
    static void synth() {
        template = new SynthesizedTemplate(TestStacks.template(ResponseConfig.defaults()));
    }

    private static JsonNode auditRule() {
        return template.resource("AWS::Events::Rule", "AuditCloudtrailChangeRule");
    }

    @Test
    void theRuleCarriesCoresPatternAndTargetsTheAuditFunctionsAlias() throws Exception {
        JsonNode rule = auditRule();
        JsonNode pattern = rule.path("Properties").path("EventPattern");
        assertEquals(ResponseJson.mapper().readTree(EventPatterns.from(ResponseConfig.defaults()).audit().orElseThrow()
                .json()), pattern);
        JsonNode target = rule.path("Properties").path("Targets").get(0);
        assertTrue(target.path("Arn").path("Ref").asText().startsWith("AuditAuditLive"), target.toString());
        assertTrue(target.has("DeadLetterConfig"), "undeliverable events land in the dead-letter queue");
        assertEquals(1, template.resources("AWS::Events::Rule").values().stream()
                .filter(r -> r.path("Properties").path("EventPattern").path("detail-type").toString()
                        .contains("CloudTrail")).count());
    }

    @Test
    void deployedPatternMatchesChangesButNotFailedCalls() throws Exception {
        String pattern = auditRule().path("Properties").path("EventPattern").toString();
        Path dir = Path.of(System.getProperty("portcullis.root"), "fixtures", "events", "cloudtrail");
        List<String> matched = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                if (Ruler.matchesRule(Files.readString(file), pattern)) {
                    matched.add(file.getFileName().toString());
                }
            }
        }
        assertTrue(matched.contains("authorize-sg-ingress-ssh-world.json"));
        assertTrue(matched.contains("create-function-url-auth-none.json"), "Lambda's versioned event name matches");
        assertFalse(matched.contains("authorize-sg-ingress-denied.json"), "a failed call changed nothing");
        assertEquals(17, matched.size(), matched.toString());
        String guardDuty = Files.readString(dir.getParent().resolve("guardduty-port-probe.json"));
        assertFalse(Ruler.matchesRule(guardDuty, pattern));
    }

    @Test
    void theFunctionKnowsItsOwnNamedRole() {
        List<JsonNode> audit = template.resources("AWS::Lambda::Function").values().stream()
                .filter(f -> f.path("Properties").path("Handler").asText().equals(AuditResponder.HANDLER)).toList();
        assertEquals(1, audit.size());
        JsonNode function = audit.get(0);
        JsonNode props = function.path("Properties");
        assertEquals(AuditResponder.HANDLER, props.path("Handler").asText());
        JsonNode env = props.path("Environment").path("Variables");
        assertTrue(env.has("PORTCULLIS_CONFIG") && env.has("TOPIC_ARN"), env.toString());
        assertTrue(env.path("AUDIT_ROLE_ARN").path("Fn::GetAtt").get(0).asText().startsWith("AuditAuditRole"));
        assertEquals("PublishedVersions", props.path("SnapStart").path("ApplyOn").asText());
        // The playbooks' roles are the stack's own: the audit never reverts what quarantine or the kill switch did.
        String stackRoles = env.path("STACK_ROLE_ARNS").toString();
        for (String playbook : List.of("Quarantine", "FlowLog")) {
            assertTrue(stackRoles.matches(".*\\{\"Fn::GetAtt\":\\[\"Functions" + playbook + "[A-Za-z0-9]*Role[A-Za-z0-9]*\",\"Arn\"\\]}.*"),
                    playbook + " role missing from STACK_ROLE_ARNS: " + stackRoles);
        }
        JsonNode role = template.resource("AWS::IAM::Role", "AuditAuditRole");
        // portcullis-audit-<region>: the name AuditSettings.responderRoleName gives, so replay recognises it.
        assertEquals("{\"Fn::Join\":[\"\",[\"portcullis-audit-\",{\"Ref\":\"AWS::Region\"}]]}",
                role.path("Properties").path("RoleName").toString());
    }

    @Test
    void theRoleMayReadAndMakeTheThreeRevertsOnly() {
        String policy = template.logicalId("AWS::IAM::Policy", "AuditAuditRoleDefaultPolicy");
        Set<String> actions = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (SynthesizedTemplate.Statement s : template.statements()) {
            if (!s.policy().equals(policy)) {
                continue;
            }
            actions.addAll(s.actions());
            for (String action : s.actions()) {
                boolean read = action.matches("[a-z0-9]+:(Get|List|Describe)[A-Za-z0-9*]*") || action.startsWith("logs:")
                        || action.startsWith("xray:") || action.startsWith("kms:") || action.equals("sns:Publish");
                boolean revert = Set.of("ec2:RevokeSecurityGroupIngress", "s3:PutBucketPublicAccessBlock",
                        "lambda:DeleteFunctionUrlConfig").contains(action);
                if (!read && !revert) {
                    problems.add("unexpected action " + action);
                }
                if (revert && s.anyResource()) {
                    problems.add(action + " on *");
                }
                if (s.anyResource() && !(action.startsWith("xray:") || action.equals("cloudformation:GetResource")
                        || action.startsWith("ec2:Describe"))) {
                    problems.add(action + " on * though AWS can scope it");
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(actions.containsAll(List.of("cloudformation:GetResource", "ec2:RevokeSecurityGroupIngress",
                "s3:PutBucketPublicAccessBlock", "lambda:DeleteFunctionUrlConfig", "sns:Publish")), actions.toString());
        assertFalse(actions.contains("s3:PutBucketPolicy"));
    }

    @Test
    void auditCanBeTurnedOff() {
        SynthesizedTemplate off = new SynthesizedTemplate(TestStacks.template(
                ResponseConfig.parse("audit: {enabled: false}", "test.yaml")));
        Map<String, JsonNode> functions = off.resources("AWS::Lambda::Function");
        assertTrue(functions.keySet().stream().noneMatch(id -> id.startsWith("Audit")), functions.keySet().toString());
        assertTrue(off.resources("AWS::Events::Rule").values().stream().noneMatch(r -> r.path("Properties")
                .path("EventPattern").path("detail-type").toString().contains("CloudTrail")));
    }
}
