package dev.portcullis.response.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.events.PlaybookPatterns;
import dev.portcullis.response.finding.CustomAction;
import dev.portcullis.response.flowlog.FlowLogFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Synth assertions for the instance playbooks: the Security Hub custom actions and their rules, the flow-log group
 * with its subscription, the optional VPC flow logs, the rate-limit table, and the least privilege of the two
 * functions (scoped by our tags where EC2 allows conditions).
 */
class PlaybookStackTest {

    private static final ResponseConfig WITH_VPCS = ResponseConfig.parse("""
            quarantine: {operator-ssh-cidrs: [203.0.113.0/28], egress-https-cidrs: [10.0.255.0/28]}
            flow-logs:
              response: snapshot-and-terminate
              vpc-ids: [vpc-0c1d2e3f4a5b6c7d8, vpc-0a9b8c7d6e5f40312]
              formats: ["${interface-id} ${srcaddr} ${dstaddr} ${action} ${flow-direction}"]
              threat-list: [192.0.2.64/27]
              rate-limit: {max-responses: 3, window-minutes: 30}
            """, "playbooks.yaml");

    private static SynthesizedTemplate defaults;
    private static SynthesizedTemplate withVpcs;

    @BeforeAll
    static void synthesize() {
        defaults = new SynthesizedTemplate(TestStacks.template(ResponseConfig.defaults()));
        withVpcs = new SynthesizedTemplate(TestStacks.template(WITH_VPCS));
    }

    @Test
    void customActionsAreCreatedWithShortIdsAndNames() {
        Map<String, JsonNode> targets = defaults.resources("Custom::AWS");
        assertEquals(2, targets.size(), targets.keySet().toString());
        for (CustomAction action : CustomAction.values()) {
            assertTrue(action.id().length() <= 20, action.id());
            assertTrue(action.displayName().length() < 20, action.displayName());
            String create = targets.values().stream().map(t -> t.path("Properties").path("Create").toString())
                    .filter(c -> c.contains("\\\"Id\\\":\\\"" + action.id() + "\\\""))
                    .findFirst().orElseThrow(() -> new AssertionError("no CreateActionTarget for " + action));
            assertTrue(create.contains("CreateActionTarget"), create);
            assertTrue(create.contains("\\\"Name\\\":\\\"" + action.displayName() + "\\\""), create);
        }
    }

    @Test
    void eachCustomActionHasARuleOnItsOwnTargetInvokingTheQuarantineFunction() {
        String deadLetters = defaults.logicalId("AWS::SQS::Queue", "DeadLetters");
        String alias = defaults.logicalId("AWS::Lambda::Alias", "FunctionsQuarantineLive");
        for (CustomAction action : CustomAction.values()) {
            JsonNode rule = defaults.resource("AWS::Events::Rule", "Quarantine" + action.displayName() + "Rule")
                    .path("Properties");
            JsonNode pattern = rule.path("EventPattern");
            assertEquals("[\"aws.securityhub\"]", pattern.path("source").toString());
            assertEquals("[\"Security Hub Findings - Custom Action\"]", pattern.path("detail-type").toString());
            assertTrue(pattern.path("resources").toString().contains("action/custom/" + action.id()),
                    pattern.toString());
            JsonNode target = rule.path("Targets").get(0);
            assertEquals(alias, target.path("Arn").path("Ref").asText());
            assertEquals(deadLetters, target.path("DeadLetterConfig").path("Arn").path("Fn::GetAtt").get(0).asText());
        }
        assertEquals(PlaybookPatterns.QUARANTINE_RULE, PlaybookPatterns.customAction(CustomAction.QUARANTINE,
                "arn").name());
    }

    @Test
    void theFlowLogGroupIsAlwaysSubscribedToTheKillSwitch() {
        for (SynthesizedTemplate template : List.of(defaults, withVpcs)) {
            String group = template.logicalId("AWS::Logs::LogGroup", "KillSwitchFlowLogs");
            JsonNode filter = template.resource("AWS::Logs::SubscriptionFilter", "KillSwitch").path("Properties");
            assertEquals(group, filter.path("LogGroupName").path("Ref").asText());
            assertEquals("", filter.path("FilterPattern").asText(), "every record is delivered");
            assertEquals(template.logicalId("AWS::Lambda::Alias", "FunctionsFlowLogLive"),
                    filter.path("DestinationArn").path("Ref").asText());
            assertTrue(template.resources("AWS::Lambda::Permission").values().stream().anyMatch(p ->
                    p.path("Properties").path("Principal").asText().equals("logs.amazonaws.com")),
                    "CloudWatch Logs may invoke the function");
            JsonNode env = template.resource("AWS::Lambda::Function", "FunctionsFlowLog").path("Properties")
                    .path("Environment").path("Variables");
            assertEquals(template.logicalId("AWS::DynamoDB::Table", "KillSwitchRateLimit"),
                    env.path(FlowLogKillSwitch.LEDGER_TABLE).path("Ref").asText());
        }
        assertTrue(defaults.resources("AWS::EC2::FlowLog").isEmpty(), "no VPC configured, no flow log made");
    }

    @Test
    void configuredVpcsGetFlowLogsInTheStacksOwnFormatDeliveredByAScopedRole() {
        Map<String, JsonNode> flowLogs = withVpcs.resources("AWS::EC2::FlowLog");
        assertEquals(2, flowLogs.size());
        String group = withVpcs.logicalId("AWS::Logs::LogGroup", "KillSwitchFlowLogs");
        String role = withVpcs.logicalId("AWS::IAM::Role", "KillSwitchDeliveryRole");
        for (JsonNode flowLog : flowLogs.values()) {
            JsonNode props = flowLog.path("Properties");
            assertEquals("VPC", props.path("ResourceType").asText());
            assertEquals(FlowLogFormat.PORTCULLIS.text(), props.path("LogFormat").asText());
            assertEquals(60, props.path("MaxAggregationInterval").asInt());
            assertEquals(group, props.path("LogGroupName").path("Ref").asText());
            assertEquals(role, props.path("DeliverLogsPermissionArn").path("Fn::GetAtt").get(0).asText());
        }
        JsonNode trust = withVpcs.resource("AWS::IAM::Role", "KillSwitchDeliveryRole").path("Properties")
                .path("AssumeRolePolicyDocument").path("Statement").get(0);
        assertEquals("vpc-flow-logs.amazonaws.com", trust.path("Principal").path("Service").asText());
        assertFalse(trust.path("Condition").path("StringEquals").path("aws:SourceAccount").isMissingNode());
        List<SynthesizedTemplate.Statement> delivery = withVpcs.statements().stream()
                .filter(s -> s.policy().startsWith("KillSwitchDeliveryRole")).toList();
        assertEquals(1, delivery.size());
        assertTrue(delivery.get(0).resources().toString().contains(group), delivery.get(0).raw().toString());
    }

    @Test
    void terminationIsGrantedOnlyWhenConfiguredAndOnlyOnOptedInInstances() {
        assertTrue(statementsWith(defaults, "ec2:TerminateInstances").isEmpty(),
                "the default response never terminates, so nothing may");
        List<SynthesizedTemplate.Statement> terminate = statementsWith(withVpcs, "ec2:TerminateInstances");
        assertEquals(1, terminate.size());
        assertTrue(terminate.get(0).policy().startsWith("FunctionsFlowLog"));
        assertEquals("true", terminate.get(0).raw().path("Condition").path("StringEquals")
                .path("aws:ResourceTag/portcullis:terminate-on-threat").asText());
    }

    @Test
    void instanceChangesAreScopedByOurTags() {
        for (SynthesizedTemplate.Statement s : statementsWith(withVpcs, "ec2:DeleteTags")) {
            assertEquals("portcullis:*", s.raw().path("Condition").path("ForAllValues:StringLike")
                    .path("aws:TagKeys").asText(), s.raw().toString());
        }
        for (SynthesizedTemplate.Statement s : statementsWith(withVpcs, "ec2:RevokeSecurityGroupIngress")) {
            if (s.policy().startsWith("AuditAuditRole")) {
                // The audit revokes the one permission a person opened, on any group (AuditResponderTest).
                continue;
            }
            assertTrue(s.policy().startsWith("Functions"), s.policy());
            assertEquals("true", s.raw().path("Condition").path("StringEquals")
                    .path("aws:ResourceTag/portcullis:isolation").asText(), s.raw().toString());
        }
        List<String> policies = statementsWith(withVpcs, "ec2:ModifyNetworkInterfaceAttribute").stream()
                .map(s -> s.policy().replaceFirst("Role.*$", "")).distinct().sorted().toList();
        assertEquals(List.of("FunctionsFlowLog", "FunctionsQuarantine"), policies,
                "only the two playbook functions may move instances between groups");
        assertTrue(statementsWith(withVpcs, "securityhub:BatchUpdateFindings").stream()
                .anyMatch(s -> s.policy().startsWith("FunctionsQuarantine")));
    }

    @Test
    void playbookSettingsReachTheFunctionsWhole() {
        JsonNode env = withVpcs.resource("AWS::Lambda::Function", "FunctionsFlowLog").path("Properties")
                .path("Environment").path("Variables");
        assertEquals(WITH_VPCS, ResponseConfig.parse(env.path(FunctionEnvironment.CONFIG).asText(),
                FunctionEnvironment.CONFIG + ".json"));
    }

    @Test
    void theLambdaModuleReadsTheLedgerVariable() throws Exception {
        Path adapters = Path.of(System.getProperty("portcullis.root"), "cdk-app", "lambda", "src", "main", "java",
                "dev", "portcullis", "response", "lambda", "PlaybookAdapters.java");
        assertTrue(Files.readString(adapters).contains("\"" + FlowLogKillSwitch.LEDGER_TABLE + "\""));
    }

    private static List<SynthesizedTemplate.Statement> statementsWith(SynthesizedTemplate template, String action) {
        return template.statements().stream().filter(s -> s.actions().contains(action))
                .collect(Collectors.toList());
    }
}
