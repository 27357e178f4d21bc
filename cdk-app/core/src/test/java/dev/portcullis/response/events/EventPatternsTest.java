package dev.portcullis.response.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.response.Fixtures;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.config.FindingTypePattern;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.config.SeverityThreshold;
import dev.portcullis.response.finding.FindingSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static dev.portcullis.response.events.EventPatterns.GUARDDUTY_RULE;
import static dev.portcullis.response.events.EventPatterns.SECURITY_HUB_RULE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stack's patterns, matched with event-ruler (EventBridge's engine) against the fixtures. */
class EventPatternsTest {

    private static List<String> match(ResponseConfig config, String fixture) {
        return new EventMatcher(EventPatterns.from(config)).matchingRules(Fixtures.event(fixture));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // default threshold MEDIUM (4.0)
            "guardduty-network-connection.json    | guardduty-finding",
            "guardduty-port-probe.json            | guardduty-finding",
            "guardduty-aws-api-call.json          | guardduty-finding",
            "guardduty-kubernetes-api-call.json   | guardduty-finding",
            "guardduty-ipv6.json                  | guardduty-finding",
            "guardduty-actor.json                 | guardduty-finding",
            "guardduty-allow-listed.json          | guardduty-finding",
            "guardduty-private-ip.json            | guardduty-finding",
            "guardduty-already-blocked.json       | guardduty-finding",
            "guardduty-low-severity.json          | ",
            "guardduty-dns-request.json           | ",
            "securityhub-network-connection.json  | securityhub-guardduty-import",
            "securityhub-port-probe.json          | securityhub-guardduty-import",
            "securityhub-aws-api-call.json        | securityhub-guardduty-import",
            "securityhub-product-fields-only.json | securityhub-guardduty-import",
            "securityhub-actor.json               | securityhub-guardduty-import",
            "securityhub-multiple-findings.json   | securityhub-guardduty-import",
            "securityhub-low-severity.json        | ",
            "securityhub-own-update.json          | ",
            "malformed/unsupported-source.json    | "})
    void defaultPatternsAgainstFixtures(String fixture, String rule) {
        assertEquals(rule == null ? List.of() : List.of(rule), match(ResponseConfig.defaults(), fixture));
    }

    @ParameterizedTest
    @CsvSource({
            "2,    guardduty-low-severity.json, true",
            "2.1,  guardduty-low-severity.json, false",
            "LOW,  guardduty-low-severity.json, true",
            "5,    guardduty-network-connection.json, true",
            "5.01, guardduty-network-connection.json, false",
            "HIGH, guardduty-network-connection.json, false",
            "HIGH, guardduty-actor.json, true",
            "CRITICAL, guardduty-actor.json, false",
            "LOW,  securityhub-low-severity.json, true",
            "MEDIUM, securityhub-low-severity.json, false",
            "HIGH, securityhub-network-connection.json, false",
            "HIGH, securityhub-multiple-findings.json, true",
            "CRITICAL, securityhub-multiple-findings.json, false"})
    void thresholdIsInThePattern(String threshold, String fixture, boolean matches) {
        ResponseConfig config = ResponseConfig.defaults().withMinSeverity(SeverityThreshold.parse(threshold));
        assertEquals(matches, !match(config, fixture).isEmpty());
    }

    @Test
    void guardDutyNumericThresholdMatchesExactlyAtAndAboveOverARange() throws Exception {
        String template = Fixtures.event("guardduty-network-connection.json");
        for (int threshold = 0; threshold <= 100; threshold += 5) {
            ResponseConfig config = ResponseConfig.defaults().withMinSeverity(new SeverityThreshold(threshold / 10.0));
            EventMatcher matcher = new EventMatcher(EventPatterns.from(config));
            for (int severity = 0; severity <= 100; severity += 5) {
                String event = template.replace("\"severity\": 5,", "\"severity\": " + (severity / 10.0) + ",");
                boolean matched = matcher.matchingRules(event).contains(GUARDDUTY_RULE);
                assertEquals(severity >= threshold, matched, "severity " + severity + " threshold " + threshold);
            }
        }
    }

    @Test
    void findingTypesInTheGuardDutyPattern() {
        ResponseConfig prefix = ResponseConfig.defaults().withFindingTypes(
                List.of(new FindingTypePattern("UnauthorizedAccess:EC2/*")));
        assertEquals(List.of(GUARDDUTY_RULE), match(prefix, "guardduty-network-connection.json"));
        assertEquals(List.of(), match(prefix, "guardduty-port-probe.json"));
        ResponseConfig exact = ResponseConfig.defaults().withFindingTypes(
                List.of(new FindingTypePattern("Recon:EC2/PortProbeUnprotectedPort"), new FindingTypePattern("Recon:*")));
        assertEquals(List.of(GUARDDUTY_RULE), match(exact, "guardduty-port-probe.json"));
        assertEquals(List.of(GUARDDUTY_RULE), match(exact, "guardduty-aws-api-call.json"));
        assertEquals(List.of(), match(exact, "guardduty-network-connection.json"));
    }

    @Test
    void securityHubPatternIgnoresOurOwnUpdateButNotTheOriginal() {
        assertEquals(List.of(SECURITY_HUB_RULE), match(ResponseConfig.defaults(), "securityhub-network-connection.json"));
        assertEquals(List.of(), match(ResponseConfig.defaults(), "securityhub-own-update.json"));
        String archived = Fixtures.event("securityhub-network-connection.json")
                .replace("\"RecordState\": \"ACTIVE\"", "\"RecordState\": \"ARCHIVED\"");
        assertEquals(List.of(), new EventMatcher(EventPatterns.from(ResponseConfig.defaults())).matchingRules(archived));
        String inspector = Fixtures.event("securityhub-network-connection.json")
                .replace("\"ProductName\": \"GuardDuty\"", "\"ProductName\": \"Inspector\"");
        assertEquals(List.of(), new EventMatcher(EventPatterns.from(ResponseConfig.defaults())).matchingRules(inspector));
    }

    @Test
    void sourcesDecideWhichRulesExist() {
        ResponseConfig guardDutyOnly = new ResponseConfig(ResponseConfig.defaults().backends(),
                ResponseConfig.DEFAULT_BLOCK_LIFETIME, List.of(), ResponseConfig.DEFAULT_MIN_SEVERITY, List.of(),
                EnumSet.of(FindingSource.GUARDDUTY), ResponseConfig.defaults().notifications(), true, 2000,
                ResponseConfig.defaults().nacl(), ResponseConfig.defaults().waf(),
                ResponseConfig.defaults().audit());
        EventPatterns patterns = EventPatterns.from(guardDutyOnly);
        assertEquals(List.of(GUARDDUTY_RULE), patterns.all().stream().map(EventPattern::name).toList());
        assertTrue(patterns.named(SECURITY_HUB_RULE).isEmpty());
        assertEquals(List.of(), match(guardDutyOnly, "securityhub-network-connection.json"));
    }

    @Test
    void patternShapeIsWhatEventBridgeExpects() throws Exception {
        EventPatterns patterns = EventPatterns.from(ResponseConfig.defaults().withMinSeverity(SeverityThreshold.parse("7")));
        JsonNode guardDuty = ResponseJson.mapper().readTree(patterns.named(GUARDDUTY_RULE).orElseThrow().json());
        assertEquals(ResponseJson.mapper().readTree("""
                {"source":["aws.guardduty"],"detail-type":["GuardDuty Finding"],
                 "detail":{"severity":[{"numeric":[">=",7.0]}],
                   "service":{"action":{"actionType":["NETWORK_CONNECTION","PORT_PROBE","AWS_API_CALL",
                     "KUBERNETES_API_CALL","RDS_LOGIN_ATTEMPT"]}}}}"""), guardDuty);
        JsonNode hub = patterns.named(SECURITY_HUB_RULE).orElseThrow().pattern();
        assertEquals(ResponseJson.mapper().readTree("""
                {"source":["aws.securityhub"],"detail-type":["Security Hub Findings - Imported"],
                 "detail":{"findings":{"ProductName":["GuardDuty"],"RecordState":["ACTIVE"],
                   "Workflow":{"Status":["NEW"]},"Severity":{"Label":["HIGH","CRITICAL"]},
                   "ProductFields":{"aws/guardduty/service/action/actionType":["NETWORK_CONNECTION","PORT_PROBE",
                     "AWS_API_CALL","KUBERNETES_API_CALL","RDS_LOGIN_ATTEMPT"]}}}}"""), hub);
    }

    @Test
    @SuppressWarnings("unchecked")
    void mapFormForTheCdk() {
        Map<String, Object> map = EventPatterns.from(ResponseConfig.defaults()).all().get(0).toMap();
        assertEquals(List.of("aws.guardduty"), map.get("source"));
        Map<String, Object> detail = (Map<String, Object>) map.get("detail");
        assertEquals(List.of(Map.of("numeric", List.of(">=", 4.0))), detail.get("severity"));
    }

    @Test
    void patternsAreIndependentCopies() {
        EventPattern pattern = EventPatterns.from(ResponseConfig.defaults()).all().get(0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) pattern.pattern()).put("source", "tampered");
        assertTrue(pattern.json().contains("aws.guardduty"));
    }
    @Test
    void theAuditPatternTakesSuccessfulChangesOfTheAuditedCalls() {
        EventPatterns patterns = EventPatterns.from(ResponseConfig.defaults());
        assertEquals(List.of(GUARDDUTY_RULE, SECURITY_HUB_RULE),
                patterns.all().stream().map(EventPattern::name).toList(), "the audit rule is not a finding rule");
        EventMatcher audit = new EventMatcher(patterns.auditOnly());
        String event = """
                {"detail-type": "AWS API Call via CloudTrail", "source": "aws.lambda", "detail": {
                  "eventSource": "lambda.amazonaws.com", "eventName": "CreateFunctionUrlConfig20211031"}}""";
        assertEquals(List.of(EventPatterns.AUDIT_RULE), audit.matchingRules(event));
        assertEquals(List.of(), audit.matchingRules(event.replace("}}", ", \"errorCode\": \"AccessDenied\"}}")));
        assertEquals(List.of(), audit.matchingRules(event.replace("CreateFunctionUrlConfig", "GetFunctionUrlConfig")));
        assertTrue(EventPatterns.from(ResponseConfig.defaults().withAudit(
                new dev.portcullis.response.config.AuditSettings(false, List.of()))).audit().isEmpty());
    }
}
