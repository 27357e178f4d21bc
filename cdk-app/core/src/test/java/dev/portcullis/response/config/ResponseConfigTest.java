package dev.portcullis.response.config;

import dev.portcullis.response.finding.FindingSource;
import dev.portcullis.response.finding.SeverityLabel;
import dev.portcullis.response.net.Cidr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponseConfigTest {

    @Test
    void defaults() {
        ResponseConfig config = ResponseConfig.defaults();
        assertEquals(List.of(Backend.NETWORK_FIREWALL), config.backends());
        assertEquals(Duration.ofHours(720), config.blockLifetime());
        assertEquals(List.of(), config.allowList());
        assertEquals(new SeverityThreshold(4.0), config.minSeverity());
        assertEquals(List.of(), config.findingTypes());
        assertEquals(Set.of(FindingSource.GUARDDUTY, FindingSource.SECURITY_HUB), config.sources());
        assertEquals(NotificationTargets.none(), config.notifications());
        assertTrue(config.dryRun(), "dry-run first");
        assertEquals(2000, config.ruleGroupCapacity());
        assertEquals(new NaclSettings(1, 10), config.nacl());
        assertEquals(new WafSettings("REGIONAL"), config.waf());
    }

    @Test
    void emptyDocumentsGiveDefaults() {
        assertEquals(ResponseConfig.defaults(), ResponseConfig.parse("", "empty.yaml"));
        assertEquals(ResponseConfig.defaults(), ResponseConfig.parse("# nothing\n", "comment.yaml"));
        assertEquals(ResponseConfig.defaults(), ResponseConfig.parse("{}", "empty.json"));
        assertEquals(ResponseConfig.defaults(), ResponseConfig.fromMap(Map.of()));
        assertEquals(ResponseConfig.defaults(), ResponseConfig.fromMap(null));
    }

    @Test
    void fullYamlFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("response.yaml");
        Files.writeString(file, """
                backends: [network-firewall, waf, nacl]
                block-lifetime-hours: 48
                allow-list:
                  - 203.0.113.0/25
                  - 2001:db8:1::/48
                  - 198.51.100.9
                min-severity: HIGH
                finding-types:
                  - UnauthorizedAccess:EC2/*
                  - Recon:EC2/PortProbeUnprotectedPort
                sources: [guardduty]
                notifications:
                  sns-topic-arn: arn:aws:sns:eu-west-1:123456789012:security-alerts
                  slack-webhook-secret: portcullis/slack-webhook
                dry-run: false
                rule-group-capacity: 5000
                nacl:
                  first-rule-number: 5
                  max-entries: 15
                waf:
                  scope: cloudfront
                """);
        ResponseConfig config = ResponseConfig.fromFile(file);
        assertEquals(List.of(Backend.NETWORK_FIREWALL, Backend.WAF, Backend.NACL), config.backends());
        assertEquals(Duration.ofHours(48), config.blockLifetime());
        assertEquals(List.of(Cidr.parse("203.0.113.0/25"), Cidr.parse("2001:db8:1::/48"),
                Cidr.parse("198.51.100.9/32")), config.allowList());
        assertEquals(SeverityThreshold.of(SeverityLabel.HIGH), config.minSeverity());
        assertEquals(List.of(new FindingTypePattern("UnauthorizedAccess:EC2/*"),
                new FindingTypePattern("Recon:EC2/PortProbeUnprotectedPort")), config.findingTypes());
        assertEquals(Set.of(FindingSource.GUARDDUTY), config.sources());
        assertEquals(Optional.of("arn:aws:sns:eu-west-1:123456789012:security-alerts"),
                config.notifications().snsTopicArn());
        assertEquals(Optional.of("portcullis/slack-webhook"), config.notifications().slackWebhookSecret());
        assertFalse(config.dryRun());
        assertEquals(5000, config.ruleGroupCapacity());
        assertEquals(new NaclSettings(5, 15), config.nacl());
        assertEquals(19, config.nacl().lastRuleNumber());
        assertEquals(new WafSettings("CLOUDFRONT"), config.waf());
    }

    @Test
    void jsonFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("response.json");
        Files.writeString(file, "{\"min-severity\": 7.5, \"dry-run\": false, \"backends\": [\"waf\"]}");
        ResponseConfig config = ResponseConfig.fromFile(file);
        assertEquals(new SeverityThreshold(7.5), config.minSeverity());
        assertFalse(config.dryRun());
        assertEquals(List.of(Backend.WAF), config.backends());
    }

    @Test
    void cdkContextWithStringValues() {
        // `cdk synth -c ...` delivers strings only; nested objects come from cdk.json.
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("backends", "network-firewall,nacl");
        context.put("block-lifetime-hours", "24");
        context.put("allow-list", "203.0.113.0/24, 192.0.2.0/24");
        context.put("min-severity", "7");
        context.put("dry-run", "false");
        context.put("rule-group-capacity", "100");
        context.put("nacl", Map.of("first-rule-number", "3", "max-entries", 4));
        ResponseConfig config = ResponseConfig.fromMap(context);
        assertEquals(List.of(Backend.NETWORK_FIREWALL, Backend.NACL), config.backends());
        assertEquals(Duration.ofHours(24), config.blockLifetime());
        assertEquals(2, config.allowList().size());
        assertEquals(new SeverityThreshold(7.0), config.minSeverity());
        assertFalse(config.dryRun());
        assertEquals(100, config.ruleGroupCapacity());
        assertEquals(new NaclSettings(3, 4), config.nacl());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "backends: [firewall]                      | backends[0]                 | not one of network-firewall, waf, nacl",
            "backends: []                              | backends                    | at least one",
            "backends: [waf, waf]                      | backends                    | more than once",
            "backends: waf-and-more                    | backends[0]                 | not one of",
            "block-lifetime-hours: 0                   | block-lifetime-hours        | outside 1-87600",
            "block-lifetime-hours: 1.5                 | block-lifetime-hours        | not a whole number",
            "block-lifetime-hours: [1]                 | block-lifetime-hours        | single value",
            "allow-list: [10.0.0.1/8]                  | allow-list[0]               | host bits set; the network is 10.0.0.0/8",
            "allow-list: [example.com/24]              | allow-list[0]               | not an IP address",
            "allow-list: {a: 1}                        | allow-list                  | must be a list",
            "allow-list: [[1.2.3.4]]                   | allow-list[0]               | single value",
            "min-severity: HUGE                        | min-severity                | not a number 0-10 or one of LOW, MEDIUM, HIGH, CRITICAL",
            "min-severity: 11                          | min-severity                | not a number 0-10",
            "min-severity: INFORMATIONAL               | min-severity                | not a number 0-10",
            "finding-types: ['Recon:*:x*y']            | finding-types[0]            | not a finding type",
            "finding-types: ['*']                      | finding-types[0]            | not a finding type",
            "sources: [cloudtrail]                     | sources[0]                  | guardduty, securityhub",
            "notifications: {sns-topic-arn: my-topic}  | notifications.sns-topic-arn | not an SNS topic ARN",
            "notifications: {slack-webhook-secret: 'https://hooks.slack.com/services/T0/B0/x'} | notifications.slack-webhook-secret | store the URL in Secrets Manager",
            "notifications: {slack-webhook-secret: 'has space'} | notifications.slack-webhook-secret | not a Secrets Manager secret",
            "notifications: {email: a@example.com}     | notifications.email         | unknown key",
            "notifications: [1]                        | notifications               | must be a mapping",
            "dry-run: maybe                            | dry-run                     | not true or false",
            "rule-group-capacity: 30001                | rule-group-capacity         | outside 1-30000",
            "nacl: {first-rule-number: 0}              | nacl.first-rule-number      | outside 1-32766",
            "nacl: {max-entries: 41}                   | nacl.max-entries            | outside 1-40",
            "nacl: {first-rule-number: 32760, max-entries: 10} | nacl.max-entries   | go past 32766",
            "waf: {scope: GLOBAL}                      | waf.scope                   | not REGIONAL or CLOUDFRONT",
            "dryRun: true                              | dryRun                      | did you mean 'dry-run'?",
            "min_severity: 5                           | min_severity                | did you mean 'min-severity'?",
            "allowlist: []                             | allowlist                   | did you mean 'allow-list'?",
            "colour: blue                              | colour                      | known keys: backends"})
    void errorsNameTheKey(String yaml, String key, String fragment) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> ResponseConfig.parse(yaml, "response.yaml"));
        assertEquals(1, e.errors().size(), e.getMessage());
        assertEquals(key, e.errors().get(0).key(), e.getMessage());
        assertTrue(e.errors().get(0).message().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().startsWith("invalid response configuration in response.yaml:"), e.getMessage());
    }

    @Test
    void everyErrorIsReportedAtOnce() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ResponseConfig.parse("""
                backends: [nope]
                min-severity: extreme
                dry-run: 2
                extra: 1
                """, "all.yaml"));
        assertEquals(List.of("extra", "backends[0]", "min-severity", "dry-run"),
                e.errors().stream().map(ConfigError::key).toList());
    }

    @Test
    void unreadableInputIsAnError(@TempDir Path dir) {
        assertThrows(InvalidConfigException.class, () -> ResponseConfig.parse("a: [", "broken.yaml"));
        assertThrows(InvalidConfigException.class, () -> ResponseConfig.parse("{\"a\": ", "broken.json"));
        assertThrows(InvalidConfigException.class, () -> ResponseConfig.parse("- a\n- b\n", "list.yaml"));
        assertThrows(InvalidConfigException.class, () -> ResponseConfig.parse("a: 1\na: 2\n", "dup.yaml"));
        InvalidConfigException missing = assertThrows(InvalidConfigException.class,
                () -> ResponseConfig.fromFile(dir.resolve("absent.yaml")));
        assertEquals("(file)", missing.errors().get(0).key());
    }

    @Test
    void jsonDocumentRoundTrips() {
        ResponseConfig config = ResponseConfig.parse("""
                backends: [waf, nacl]
                block-lifetime-hours: 36
                allow-list: [203.0.113.0/25, 2001:db8:1::/48]
                min-severity: 6.5
                finding-types: ['Recon:*']
                sources: [securityhub]
                notifications: {sns-topic-arn: 'arn:aws:sns:eu-west-1:123456789012:t', slack-webhook-secret: s}
                dry-run: false
                rule-group-capacity: 300
                nacl: {first-rule-number: 2, max-entries: 3}
                waf: {scope: CLOUDFRONT}
                """, "full.yaml");
        assertEquals(config, ResponseConfig.parse(config.toJson(), "env.json"));
        assertEquals(ResponseConfig.defaults(), ResponseConfig.parse(ResponseConfig.defaults().toJson(), "d.json"));
    }

    @Test
    void nullValuesMeanDefault() {
        ResponseConfig config = ResponseConfig.parse("allow-list:\nmin-severity:\nnacl:\n", "nulls.yaml");
        assertEquals(ResponseConfig.defaults(), config);
    }

    @Test
    void secretArnIsAccepted() {
        ResponseConfig config = ResponseConfig.parse("notifications: {slack-webhook-secret: "
                + "'arn:aws:secretsmanager:eu-west-1:123456789012:secret:portcullis/slack-AbCdEf'}", "arn.yaml");
        assertTrue(config.notifications().slackWebhookSecret().orElseThrow().startsWith("arn:aws:secretsmanager:"));
    }

    @Test
    void withersReplaceOneValue() {
        ResponseConfig config = ResponseConfig.defaults()
                .withAllowList(List.of(Cidr.parse("192.0.2.0/24")))
                .withMinSeverity(SeverityThreshold.parse("critical"))
                .withDryRun(false)
                .withBackends(List.of(Backend.NACL))
                .withFindingTypes(List.of(new FindingTypePattern("Recon:*")));
        assertEquals(1, config.allowList().size());
        assertEquals(9.0, config.minSeverity().score());
        assertFalse(config.dryRun());
        assertEquals(List.of(Backend.NACL), config.backends());
        assertEquals(1, config.findingTypes().size());
    }

    @Test
    void thresholdLabelsForThePattern() {
        assertEquals(List.of(SeverityLabel.MEDIUM, SeverityLabel.HIGH, SeverityLabel.CRITICAL),
                SeverityThreshold.parse("4").labelsAtOrAbove());
        assertEquals(List.of(SeverityLabel.HIGH, SeverityLabel.CRITICAL),
                SeverityThreshold.parse("7.5").labelsAtOrAbove());
        assertEquals(List.of(SeverityLabel.MEDIUM, SeverityLabel.HIGH, SeverityLabel.CRITICAL),
                SeverityThreshold.parse("6.9").labelsAtOrAbove());
        assertEquals(5, SeverityThreshold.parse("0").labelsAtOrAbove().size());
        assertEquals(SeverityLabel.LOW, SeverityThreshold.parse("low").label());
        assertThrows(IllegalArgumentException.class, () -> new SeverityThreshold(-1));
    }

    @Test
    void findingTypePatterns() {
        FindingTypePattern prefix = new FindingTypePattern("UnauthorizedAccess:EC2/*");
        assertTrue(prefix.isPrefix());
        assertEquals("UnauthorizedAccess:EC2/", prefix.stem());
        assertTrue(prefix.matches("UnauthorizedAccess:EC2/SSHBruteForce"));
        assertFalse(prefix.matches("UnauthorizedAccess:IAMUser/ConsoleLogin"));
        FindingTypePattern exact = new FindingTypePattern("Recon:EC2/Portscan");
        assertTrue(exact.matches("Recon:EC2/Portscan"));
        assertFalse(exact.matches("Recon:EC2/PortscanX"));
        assertFalse(exact.matches(null));
    }
}
