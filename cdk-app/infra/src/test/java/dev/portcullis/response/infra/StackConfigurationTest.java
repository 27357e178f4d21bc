package dev.portcullis.response.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.response.config.Backend;
import dev.portcullis.response.config.InvalidConfigException;
import dev.portcullis.response.config.ResponseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

class StackConfigurationTest {

    private static ResponseConfig from(Map<String, Object> context) {
        return StackConfiguration.from(new App(AppProps.builder().context(context).build()).getNode());
    }

    @Test
    void withoutContextTheDefaults() {
        assertEquals(ResponseConfig.defaults(), from(Map.of()));
    }

    @Test
    void inlineObjectAsInCdkJson() {
        ResponseConfig config = from(Map.of(StackConfiguration.INLINE_KEY, Map.of(
                "backends", List.of("waf", "nacl"), "block-lifetime-hours", 24, "dry-run", false)));
        assertEquals(List.of(Backend.WAF, Backend.NACL), config.backends());
        assertEquals(Duration.ofHours(24), config.blockLifetime());
        assertEquals(false, config.dryRun());
    }

    @Test
    void inlineTextAsGivenWithDashC() {
        ResponseConfig config = from(Map.of(StackConfiguration.INLINE_KEY, "{\"min-severity\": \"HIGH\"}"));
        assertEquals(7.0, config.minSeverity().score());
    }

    @Test
    void configurationFile(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("response.yaml");
        Files.writeString(file, "backends: [waf]\nallow-list: [198.51.100.0/24]\n");
        ResponseConfig config = from(Map.of(StackConfiguration.FILE_KEY, file.toString()));
        assertEquals(List.of(Backend.WAF), config.backends());
        assertEquals("198.51.100.0/24", config.allowList().get(0).toString());
    }

    @Test
    void badValuesAreReportedWithTheirKeys() {
        InvalidConfigException error = assertThrows(InvalidConfigException.class, () -> from(Map.of(
                StackConfiguration.INLINE_KEY, Map.of("backends", List.of("firewall"), "dry-run", "maybe"))));
        assertTrue(error.getMessage().contains("backends[0]"), error.getMessage());
        assertTrue(error.getMessage().contains("dry-run"), error.getMessage());
    }

    @Test
    void inlineAndFileTogetherAreRefused() {
        InvalidConfigException error = assertThrows(InvalidConfigException.class, () -> from(Map.of(
                StackConfiguration.INLINE_KEY, Map.of(), StackConfiguration.FILE_KEY, "response.yaml")));
        assertTrue(error.getMessage().contains(StackConfiguration.FILE_KEY), error.getMessage());
    }

    @Test
    void configurationDocumentReadsBackToTheSameRecord() {
        ResponseConfig config = ResponseConfig.parse("""
                backends: [nacl, waf]
                block-lifetime-hours: 12
                allow-list: [192.0.2.0/25, "2001:db8::/32"]
                min-severity: 5.5
                finding-types: ["Recon:EC2/*"]
                sources: [securityhub]
                notifications: {slack-webhook-secret: team/slack}
                dry-run: false
                rule-group-capacity: 100
                nacl: {first-rule-number: 50, max-entries: 5}
                waf: {scope: CLOUDFRONT}
                quarantine: {operator-ssh-cidrs: [203.0.113.0/28], snapshot-volumes: false}
                flow-logs: {response: notify, threat-list: [192.0.2.64/27], vpc-ids: [vpc-0c1d2e3f4a5b6c7d8]}
                audit: {enabled: false, own-roles: ["arn:aws:iam::111122223333:role/deploy-pipeline"]}
                """, "test.yaml");
        // Every section reaches the functions: the playbooks' and the audit's as well as the block-ip settings.
        assertEquals(config, ResponseConfig.parse(FunctionEnvironment.configDocument(config), "env.json"));
        assertEquals(ResponseConfig.defaults(), ResponseConfig.parse(
                FunctionEnvironment.configDocument(ResponseConfig.defaults()), "env.json"));
    }
}
