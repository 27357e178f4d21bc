package dev.portcullis.response.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.events.EventPattern;
import dev.portcullis.response.events.EventPatterns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Ruler;

/** The synthesized response stack, asserted resource by resource (Template.fromStack). */
class ResponseStackTest {

    /** Defaults: network-firewall backend, both sources, the stack's own topic, dry-run. */
    private static final ResponseConfig DEFAULTS = ResponseConfig.defaults();

    /** Every backend, a HIGH threshold, selected types, an existing topic and a Slack secret; enforcing. */
    private static final ResponseConfig EVERYTHING = ResponseConfig.parse("""
            backends: [network-firewall, waf, nacl]
            block-lifetime-hours: 48
            allow-list: [203.0.113.0/24, 2001:db8:1::/48]
            min-severity: HIGH
            finding-types: ["Recon:EC2/PortProbeUnprotectedPort", "UnauthorizedAccess:EC2/*"]
            notifications:
              sns-topic-arn: arn:aws:sns:eu-west-1:123456789012:security-alerts
              slack-webhook-secret: portcullis/slack-webhook
            dry-run: false
            rule-group-capacity: 500
            waf: {scope: REGIONAL}
            """, "everything.yaml");

    private static SynthesizedTemplate defaults;
    private static SynthesizedTemplate everything;

    @BeforeAll
    static void synthesize() {
        defaults = new SynthesizedTemplate(TestStacks.template(DEFAULTS));
        everything = new SynthesizedTemplate(TestStacks.template(EVERYTHING));
    }

    // ---- events ---------------------------------------------------------------------------------------------

    @Test
    void eachFindingRuleCarriesItsPatternVerbatimAndStartsRecordIp() {
        for (var config : List.of(DEFAULTS, EVERYTHING)) {
            SynthesizedTemplate template = config == DEFAULTS ? defaults : everything;
            String recordIp = template.logicalId("AWS::StepFunctions::StateMachine", "RecordIp");
            String deadLetters = template.logicalId("AWS::SQS::Queue", "DeadLetters");
            for (EventPattern pattern : EventPatterns.from(config).all()) {
                JsonNode rule = template.resource("AWS::Events::Rule", "Rules" + FindingRules.ruleId(pattern.name()))
                        .path("Properties");
                assertTrue(sameJson(pattern.pattern(), rule.path("EventPattern")), pattern.name() + ": "
                        + rule.path("EventPattern"));
                assertEquals("ENABLED", rule.path("State").asText());
                JsonNode target = rule.path("Targets").get(0);
                assertEquals(recordIp, target.path("Arn").path("Ref").asText());
                assertEquals(deadLetters, target.path("DeadLetterConfig").path("Arn").path("Fn::GetAtt").get(0)
                        .asText(), "undeliverable events go to the dead-letter queue");
                assertTrue(target.path("RetryPolicy").path("MaximumRetryAttempts").asInt() > 0);
            }
        }
    }

    @Test
    void severityThresholdIsInBothPatterns() {
        JsonNode guardDuty = findingRule(everything, EventPatterns.GUARDDUTY_RULE).path("detail");
        assertNumericAtLeast(7, guardDuty.path("severity"));
        JsonNode hub = findingRule(everything, EventPatterns.SECURITY_HUB_RULE).path("detail").path("findings");
        assertEquals("[\"HIGH\",\"CRITICAL\"]", hub.path("Severity").path("Label").toString());
        assertNumericAtLeast(4, findingRule(defaults, EventPatterns.GUARDDUTY_RULE).path("detail").path("severity"));
    }

    @Test
    void deployedPatternsMatchFindingsButNotOurOwnSecurityHubUpdate() throws Exception {
        Path events = Path.of(System.getProperty("portcullis.root"), "fixtures", "events");
        String guardDuty = findingRule(defaults, EventPatterns.GUARDDUTY_RULE).toString();
        String hub = findingRule(defaults, EventPatterns.SECURITY_HUB_RULE).toString();
        assertTrue(Ruler.matchesRule(Files.readString(events.resolve("guardduty-network-connection.json")),
                guardDuty));
        assertFalse(Ruler.matchesRule(Files.readString(events.resolve("guardduty-low-severity.json")), guardDuty),
                "below the threshold");
        assertTrue(Ruler.matchesRule(Files.readString(events.resolve("securityhub-network-connection.json")), hub));
        assertFalse(Ruler.matchesRule(Files.readString(events.resolve("securityhub-own-update.json")), hub),
                "our own BatchUpdateFindings echo must not start record-ip again");
    }

    @Test
    void onlyConfiguredSourcesGetARule() {
        ResponseConfig guardDutyOnly = ResponseConfig.parse("sources: [guardduty]\naudit: {enabled: false}", "test.yaml");
        SynthesizedTemplate template = new SynthesizedTemplate(TestStacks.template(guardDutyOnly));
        List<JsonNode> patterns = template.resources("AWS::Events::Rule").values().stream()
                .map(r -> r.path("Properties").path("EventPattern")).filter(p -> !p.isMissingNode())
                // The custom actions' rules are there whatever the sources.
                .filter(p -> !p.path("detail-type").toString().contains("Custom Action")).toList();
        assertEquals(1, patterns.size());
        assertEquals("[\"aws.guardduty\"]", patterns.get(0).path("source").toString());
    }

    @Test
    void pruneAndReconcileRunOnSchedules() {
        assertEquals(defaults.logicalId("AWS::StepFunctions::StateMachine", "PruneIp"),
                defaults.resource("AWS::Events::Rule", "RulesPruneIpSchedule").path("Properties").path("Targets")
                        .get(0).path("Arn").path("Ref").asText());
        assertEquals("rate(1 hour)", defaults.resource("AWS::Events::Rule", "RulesPruneIpSchedule")
                .path("Properties").path("ScheduleExpression").asText());
        assertEquals(defaults.logicalId("AWS::StepFunctions::StateMachine", "Reconcile"),
                defaults.resource("AWS::Events::Rule", "RulesReconcileSchedule").path("Properties")
                        .path("Targets").get(0).path("Arn").path("Ref").asText());
    }

    // ---- workflows ------------------------------------------------------------------------------------------

    @Test
    void recordIpStoresEnforcesAndNotifiesRoutingOnEachStepsStatus() {
        JsonNode definition = defaults.stateMachineDefinition("RecordIp");
        JsonNode states = definition.path("States");
        assertEquals("Decide", states.path(definition.path("StartAt").asText()).path("Next").asText());
        assertEquals("AnyAction", okBranch(states, "Decide"));
        assertEquals("Store", states.path("AnyAction").path("Choices").get(0).path("Next").asText());
        assertEquals("NothingToBlock", states.path("AnyAction").path("Default").asText());
        assertEquals("DryRun", okBranch(states, "Store"));
        JsonNode dryRun = states.path("DryRun");
        assertEquals("$.plan.dryRun", dryRun.path("Choices").get(0).path("Variable").asText());
        assertEquals("Notify", dryRun.path("Choices").get(0).path("Next").asText(), "dry-run never reaches Enforce");
        assertEquals("Enforce", dryRun.path("Default").asText());
        assertEquals("Notify", okBranch(states, "Enforce"));
        assertEquals("Done", okBranch(states, "Notify"));
        assertEquals("$.stored", states.path("Enforce").path("InputPath").asText(), "Enforce gets the stored blocks");
        assertEquals("$.enforced", states.path("Enforce").path("ResultPath").asText());
        assertEquals("<ref:" + defaults.logicalId("AWS::Lambda::Alias", "FunctionsNotifyLive") + ">",
                states.path("Notify").path("Resource").asText());
    }

    @Test
    void aStepThatReportsARetryableFailureRunsAgainThenTheFailureIsNotified() {
        JsonNode states = defaults.stateMachineDefinition("RecordIp").path("States");
        for (String step : List.of("Decide", "Store", "Enforce")) {
            JsonNode route = states.path(step + "Succeeded");
            JsonNode retry = route.path("Choices").get(1);
            assertTrue(retry.toString().contains("$.attempts." + step + ".count"), retry.toString());
            assertTrue(retry.toString().contains("\"NumericLessThan\":" + WorkflowSteps.MAX_RUNS), retry.toString());
            JsonNode count = states.path(retry.path("Next").asText());
            assertEquals("States.MathAdd($.attempts." + step + ".count, 1)", count.path("Parameters")
                    .path("count.$").asText());
            JsonNode backoff = states.path(count.path("Next").asText());
            assertEquals("Wait", backoff.path("Type").asText());
            assertEquals(step, backoff.path("Next").asText(), "runs the step again");
            assertEquals("NotifyFailure", route.path("Default").asText(), step);
        }
        assertEquals(1, states.path("CountRuns").path("Result").path("Store").path("count").asInt(),
                "the first run counts");
        assertEquals("Fail", states.path(states.path("NotifyFailure").path("Next").asText()).path("Type").asText(),
                "a failure is notified and then still fails the execution, so the failure alarm sees it");
    }

    @Test
    void invocationErrorsAreRetriedThenCaughtIntoTheFailurePath() {
        JsonNode states = defaults.stateMachineDefinition("RecordIp").path("States");
        for (String step : List.of("Decide", "Store", "Enforce")) {
            JsonNode catcher = states.path(step).path("Catch").get(0);
            assertEquals("[\"States.ALL\"]", catcher.path("ErrorEquals").toString(), step);
            assertEquals("NotifyFailure", catcher.path("Next").asText(), step);
            assertEquals("$.error", catcher.path("ResultPath").asText(), step);
            assertTrue(retriedErrors(states.path(step)).containsAll(List.of("Lambda.TooManyRequestsException",
                    "States.TaskFailed", "Lambda.ServiceException")), step + " retries " + retriedErrors(
                    states.path(step)));
        }
    }

    @Test
    void throttledSingleWriterIsRetriedBeforeGenericFailures() {
        JsonNode retry = defaults.stateMachineDefinition("RecordIp").path("States").path("Enforce").path("Retry");
        int throttled = indexOfRetrier(retry, "Lambda.TooManyRequestsException");
        assertTrue(throttled < indexOfRetrier(retry, "States.TaskFailed"),
                "States.TaskFailed also matches throttling, so the throttling retrier must come first: " + retry);
        assertEquals("FULL", retry.get(throttled).path("JitterStrategy").asText());
    }

    @Test
    void pruneIpLoopsOverEveryPageAndFailsAtTheEndWhenAPageFailed() {
        JsonNode definition = defaults.stateMachineDefinition("PruneIp");
        JsonNode states = definition.path("States");
        JsonNode start = states.path(definition.path("StartAt").asText());
        assertEquals("PrunePage", start.path("Next").asText());
        JsonNode route = states.path(states.path("PrunePage").path("Next").asText());
        assertEquals("$.page.status", route.path("Choices").get(0).path("Variable").asText());
        JsonNode another = states.path(route.path("Choices").get(0).path("Next").asText());
        assertEquals("$.page.next", another.path("Choices").get(0).path("Variable").asText());
        JsonNode nextPage = states.path(another.path("Choices").get(0).path("Next").asText());
        assertEquals("PrunePage", nextPage.path("Next").asText(), "loops back for the next page");
        assertEquals("$.page.next", nextPage.path("Parameters").path("cursor.$").asText());

        JsonNode afterFailure = states.path(route.path("Choices").get(1).path("Next").asText());
        assertEquals("PrunePage", afterFailure.path("Next").asText(), "a failed page does not stop the others");
        assertEquals("States.MathAdd($.failedPages, 1)", afterFailure.path("Parameters").path("failedPages.$")
                .asText());
        assertEquals("NotifyFailure", route.path("Default").asText(), "a failed last page ends the run");
        JsonNode anyFailed = states.path(another.path("Default").asText());
        assertEquals("$.failedPages", anyFailed.path("Choices").get(0).path("Variable").asText());
        assertEquals("NotifyFailure", states.path(anyFailed.path("Choices").get(0).path("Next").asText())
                .path("Next").asText());
        assertEquals("NotifyFailure", states.path("PrunePage").path("Catch").get(0).path("Next").asText());
    }

    @Test
    void workflowsAreLoggedAndTraced() {
        for (JsonNode machine : defaults.resources("AWS::StepFunctions::StateMachine").values()) {
            JsonNode props = machine.path("Properties");
            assertEquals("ALL", props.path("LoggingConfiguration").path("Level").asText());
            assertTrue(props.path("TracingConfiguration").path("Enabled").asBoolean());
        }
        assertEquals(3, defaults.resources("AWS::StepFunctions::StateMachine").size());
    }

    // ---- functions ------------------------------------------------------------------------------------------

    @Test
    void everyFunctionRunsItsHandlerWithSnapStartAndTheWholeConfiguration() throws Exception {
        // Ours, not the CDK's provider of the Security Hub action targets (AwsCustomResource); the audit function
        // has its own construct and tests (AuditResponderTest).
        Map<String, JsonNode> functions = everything.resources("AWS::Lambda::Function").entrySet().stream()
                .filter(e -> e.getKey().startsWith("Functions")).collect(Collectors.toMap(Map.Entry::getKey,
                        Map.Entry::getValue));
        assertEquals(ResponseFunction.values().length, functions.size());
        Set<String> handlers = new HashSet<>();
        for (JsonNode function : functions.values()) {
            JsonNode props = function.path("Properties");
            handlers.add(props.path("Handler").asText());
            assertEquals(ResponseFunctions.RUNTIME.getName(), props.path("Runtime").asText());
            assertEquals("PublishedVersions", props.path("SnapStart").path("ApplyOn").asText());
            assertEquals("Active", props.path("TracingConfig").path("Mode").asText());
            JsonNode env = props.path("Environment").path("Variables");
            ResponseConfig config = ResponseConfig.parse(env.path(FunctionEnvironment.CONFIG).asText(),
                    FunctionEnvironment.CONFIG + ".json");
            assertEquals(EVERYTHING, config, "functions decide with the configuration the stack was built from");
            for (String variable : List.of(FunctionEnvironment.BLOCKLIST_TABLE, FunctionEnvironment.RULE_GROUP_ARN,
                    FunctionEnvironment.WAF_IPV4_SET, FunctionEnvironment.WAF_IPV6_SET, FunctionEnvironment.TOPIC_ARN,
                    FunctionEnvironment.SLACK_WEBHOOK_SECRET)) {
                assertFalse(env.path(variable).isMissingNode(), variable);
            }
        }
        assertEquals(java.util.Arrays.stream(ResponseFunction.values()).map(ResponseFunction::handler)
                .collect(Collectors.toSet()), handlers);
    }

    @Test
    void enforcementHasExactlyOneWriter() {
        Map<String, JsonNode> functions = defaults.resources("AWS::Lambda::Function");
        List<JsonNode> limited = functions.values().stream()
                .filter(f -> f.path("Properties").has("ReservedConcurrentExecutions")).toList();
        assertEquals(1, limited.size());
        assertEquals(1, limited.get(0).path("Properties").path("ReservedConcurrentExecutions").asInt());
        assertEquals(ResponseFunction.ENFORCE.handler(), limited.get(0).path("Properties").path("Handler").asText());
    }

    @Test
    void workflowsInvokeThePublishedAlias() {
        JsonNode states = defaults.stateMachineDefinition("RecordIp").path("States");
        String functionRef = states.path("Enforce").path("Resource").asText();
        String alias = defaults.logicalId("AWS::Lambda::Alias", "FunctionsEnforceLive");
        assertEquals("<ref:" + alias + ">", functionRef, "SnapStart applies only to published versions");
    }

    // ---- resources ------------------------------------------------------------------------------------------

    @Test
    void blocklistIsKeyedOnIpAndEnforcementPointWithTtl() {
        JsonNode table = defaults.resource("AWS::DynamoDB::Table", "Blocklist").path("Properties");
        assertEquals("[{\"AttributeName\":\"ip\",\"KeyType\":\"HASH\"},"
                + "{\"AttributeName\":\"enforcementPoint\",\"KeyType\":\"RANGE\"}]", table.path("KeySchema").toString());
        assertEquals("ttl", table.path("TimeToLiveSpecification").path("AttributeName").asText());
        assertTrue(table.path("TimeToLiveSpecification").path("Enabled").asBoolean());
        assertTrue(table.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean());
        assertEquals("Retain", defaults.resource("AWS::DynamoDB::Table", "Blocklist").path("DeletionPolicy")
                .asText());
    }

    @Test
    void enforcementPointsFollowTheConfiguredBackends() {
        JsonNode group = everything.resource("AWS::NetworkFirewall::RuleGroup", "EnforcementPoints")
                .path("Properties");
        assertEquals("STATELESS", group.path("Type").asText());
        assertEquals(500, group.path("Capacity").asInt());
        Map<String, JsonNode> sets = everything.resources("AWS::WAFv2::IPSet");
        assertEquals(Set.of("IPV4", "IPV6"), sets.values().stream()
                .map(s -> s.path("Properties").path("IPAddressVersion").asText()).collect(Collectors.toSet()));
        sets.values().forEach(s -> assertEquals("REGIONAL", s.path("Properties").path("Scope").asText()));

        assertEquals(2000, defaults.resource("AWS::NetworkFirewall::RuleGroup", "EnforcementPoints")
                .path("Properties").path("Capacity").asInt());
        assertTrue(defaults.resources("AWS::WAFv2::IPSet").isEmpty(), "no WAF unless configured");
        ResponseConfig wafOnly = ResponseConfig.parse("backends: [waf]", "test.yaml");
        SynthesizedTemplate template = new SynthesizedTemplate(TestStacks.template(wafOnly));
        assertTrue(template.resources("AWS::NetworkFirewall::RuleGroup").isEmpty());
        assertEquals(2, template.resources("AWS::WAFv2::IPSet").size());
    }

    @Test
    void deadLettersAndFailedWorkflowsRaiseAlarmsToTheTopic() {
        String topic = defaults.logicalId("AWS::SNS::Topic", "NotificationsTopic");
        Map<String, JsonNode> alarms = defaults.resources("AWS::CloudWatch::Alarm");
        List<String> metrics = new ArrayList<>();
        for (JsonNode alarm : alarms.values()) {
            JsonNode props = alarm.path("Properties");
            metrics.add(props.path("Namespace").asText() + ":" + props.path("MetricName").asText());
            assertEquals(topic, props.path("AlarmActions").get(0).path("Ref").asText());
        }
        assertTrue(metrics.contains("AWS/SQS:ApproximateNumberOfMessagesVisible"), metrics.toString());
        assertEquals(3, metrics.stream().filter(m -> m.equals("AWS/States:ExecutionsFailed")).count(), metrics
                .toString());
    }

    @Test
    void ownTopicIsEncryptedAndExistingTopicIsUsedAsIs() {
        JsonNode topic = defaults.resource("AWS::SNS::Topic", "NotificationsTopic").path("Properties");
        assertTrue(topic.has("KmsMasterKeyId"));
        assertTrue(everything.resources("AWS::SNS::Topic").isEmpty(), "a configured topic is not created again");
        assertTrue(everything.statements().stream().anyMatch(s -> s.actions().contains("sns:Publish")
                && s.resources().get(0).asText().equals("arn:aws:sns:eu-west-1:123456789012:security-alerts")));
    }

    @Test
    void slackWebhookUrlNeverAppearsOnlyItsSecret() {
        String text = everything.root().toString();
        assertFalse(text.contains("hooks.slack.com"));
        assertTrue(everything.statements().stream().anyMatch(s -> s.actions().contains(
                "secretsmanager:GetSecretValue") && s.resources().toString().contains("portcullis/slack-webhook")));
    }

    // ---- least privilege ------------------------------------------------------------------------------------

    /** Actions AWS authorises only on "*": tracing, vended log delivery, EC2 Describe*. */
    private static final Set<String> UNSCOPABLE = Set.of("xray:PutTraceSegments", "xray:PutTelemetryRecords",
            "xray:GetSamplingRules", "xray:GetSamplingTargets", "logs:CreateLogDelivery", "logs:GetLogDelivery",
            "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy",
            "logs:DescribeResourcePolicies", "logs:DescribeLogGroups", "ec2:DescribeNetworkAcls",
            "ec2:DescribeInstances", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups",
            "autoscaling:DescribeAutoScalingInstances", "elasticloadbalancing:DescribeTargetGroups",
            "elasticloadbalancing:DescribeTargetHealth", "cloudformation:GetResource",
            "ec2:DescribeSecurityGroupRules");

    @Test
    void noStarResourceWhereAwsAllowsScoping() {
        for (SynthesizedTemplate template : List.of(defaults, everything)) {
            for (SynthesizedTemplate.Statement statement : template.statements()) {
                assertFalse(statement.actions().stream().anyMatch(a -> a.equals("*") || a.endsWith(":*")),
                        "no service-wide action: " + statement.raw());
                if (statement.anyResource()) {
                    assertTrue(UNSCOPABLE.containsAll(statement.actions()),
                            "only unscopable actions may have Resource *: " + statement.raw());
                }
            }
        }
    }

    @Test
    void enforcementActionsAreScopedToTheirResources() {
        String ruleGroup = everything.logicalId("AWS::NetworkFirewall::RuleGroup", "EnforcementPoints");
        Set<String> ipSets = everything.resources("AWS::WAFv2::IPSet").keySet();
        String table = everything.logicalId("AWS::DynamoDB::Table", "Blocklist");
        String ledger = everything.logicalId("AWS::DynamoDB::Table", "KillSwitchRateLimit");
        for (SynthesizedTemplate.Statement statement : everything.statements()) {
            Set<String> targets = statement.resources().stream().map(ResponseStackTest::referenced)
                    .collect(Collectors.toSet());
            for (String action : statement.actions()) {
                if (action.startsWith("network-firewall:")) {
                    assertEquals(Set.of(ruleGroup), targets, action);
                } else if (action.startsWith("wafv2:")) {
                    assertEquals(ipSets, targets, action);
                } else if (action.startsWith("dynamodb:")) {
                    assertEquals(statement.policy().startsWith("FunctionsFlowLog") && targets.contains(ledger)
                            ? Set.of(ledger) : Set.of(table), targets, action);
                } else if (action.startsWith("securityhub:")) {
                    // The hub, or (creating them) the stack's own custom action targets.
                    assertTrue(statement.resources().stream().allMatch(r -> r.toString().contains(":hub/default")
                            || r.toString().contains(":action/custom/Portcullis")), action);
                } else if (action.equals("ec2:CreateNetworkAclEntry") || action.equals("ec2:DeleteNetworkAclEntry")) {
                    assertTrue(statement.resources().get(0).toString().contains(":network-acl/*"), action);
                }
            }
        }
    }

    @Test
    void onlyTheWritersMayWriteEnforcementPoints() {
        Map<String, Set<String>> actionsByPolicy = new java.util.TreeMap<>();
        everything.statements().forEach(s -> actionsByPolicy.computeIfAbsent(s.policy(), k -> new HashSet<>())
                .addAll(s.actions()));
        Set<String> writers = actionsByPolicy.entrySet().stream()
                .filter(e -> e.getValue().contains("network-firewall:UpdateRuleGroup"))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertEquals(Set.of("Enforce", "Prune", "Reconcile"), writers.stream()
                .map(id -> id.replaceFirst("^Functions", "").replaceFirst("Role.*$", ""))
                .collect(Collectors.toSet()));
        Set<String> decide = actionsByPolicy.entrySet().stream().filter(e -> e.getKey().startsWith("FunctionsDecide"))
                .findFirst().orElseThrow().getValue();
        assertEquals(Set.of(), decide.stream().filter(a -> !a.startsWith("logs:") && !a.startsWith("xray:"))
                .collect(Collectors.toSet()), "Decide is pure: it may only log and trace");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static JsonNode findingRule(SynthesizedTemplate template, String patternName) {
        return template.resource("AWS::Events::Rule", "Rules" + FindingRules.ruleId(patternName))
                .path("Properties").path("EventPattern");
    }

    /** JSON equality with numbers compared by value (the CDK writes 4.0 as 4). */
    private static boolean sameJson(JsonNode expected, JsonNode actual) {
        return expected.equals((a, b) -> a.isNumber() && b.isNumber()
                ? Double.compare(a.asDouble(), b.asDouble()) : a.equals(b) ? 0 : 1, actual);
    }

    private static void assertNumericAtLeast(double threshold, JsonNode severity) {
        JsonNode numeric = severity.get(0).path("numeric");
        assertEquals(">=", numeric.get(0).asText(), severity.toString());
        assertEquals(threshold, numeric.get(1).asDouble(), severity.toString());
    }

    /** Where the status route after {@code step} goes when the step reported ok. */
    private static String okBranch(JsonNode states, String step) {
        assertEquals(step + "Succeeded", states.path(step).path("Next").asText());
        JsonNode ok = states.path(step + "Succeeded").path("Choices").get(0);
        assertEquals("ok", ok.path("StringEquals").asText(), ok.toString());
        return ok.path("Next").asText();
    }

    private static List<String> retriedErrors(JsonNode state) {
        List<String> errors = new ArrayList<>();
        state.path("Retry").forEach(r -> r.path("ErrorEquals").forEach(e -> errors.add(e.asText())));
        return errors;
    }

    private static int indexOfRetrier(JsonNode retry, String error) {
        for (int i = 0; i < retry.size(); i++) {
            for (JsonNode e : retry.get(i).path("ErrorEquals")) {
                if (e.asText().equals(error)) {
                    return i;
                }
            }
        }
        throw new AssertionError(error + " is not retried");
    }

    /** The logical id a resource entry refers to (Ref or GetAtt), or its text. */
    private static String referenced(JsonNode resource) {
        if (resource.has("Ref")) {
            return resource.get("Ref").asText();
        }
        if (resource.has("Fn::GetAtt")) {
            return resource.get("Fn::GetAtt").get(0).asText();
        }
        return resource.isTextual() ? resource.asText() : ResponseJson.mapper().valueToTree(resource).toString();
    }
}
