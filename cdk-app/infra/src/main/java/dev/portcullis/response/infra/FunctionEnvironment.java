package dev.portcullis.response.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.config.Backend;
import dev.portcullis.response.config.FindingTypePattern;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.finding.FindingSource;
import dev.portcullis.response.net.Cidr;
import java.io.UncheckedIOException;

/**
 * The environment variables through which the stack tells its functions what to do and where (the Lambda module's
 * {@code LambdaEnvironment} reads the same names). The configuration
 * travels whole, as a document in the configuration file's own format, so a function reads it with
 * {@code ResponseConfig.parse(text, "PORTCULLIS_CONFIG.json")}: the same validation as at synth, no second schema.
 */
public final class FunctionEnvironment {

    /** The whole {@link ResponseConfig}, as JSON in the configuration file format. */
    public static final String CONFIG = "PORTCULLIS_CONFIG";
    /** Name of the blocklist table. */
    public static final String BLOCKLIST_TABLE = "BLOCKLIST_TABLE";
    /** ARN of the Network Firewall stateless rule group (backend network-firewall). */
    public static final String RULE_GROUP_ARN = "RULE_GROUP_ARN";
    /** The IPv4 WAFv2 IP set as {@code name|id}, how its update calls address it (backend waf). */
    public static final String WAF_IPV4_SET = "WAF_IPV4_SET";
    /** The IPv6 WAFv2 IP set as {@code name|id} (backend waf). */
    public static final String WAF_IPV6_SET = "WAF_IPV6_SET";
    /** ARN of the SNS topic notifications go to. */
    public static final String TOPIC_ARN = "TOPIC_ARN";
    /** ARN or name of the Secrets Manager secret holding the Slack webhook URL; absent when Slack is not used. */
    public static final String SLACK_WEBHOOK_SECRET = "SLACK_WEBHOOK_SECRET_ID";

    private FunctionEnvironment() {
    }

    /** The configuration as the JSON document {@link ResponseConfig#parse} reads back to an equal record. */
    public static String configDocument(ResponseConfig config) {
        ObjectNode root = ResponseJson.mapper().createObjectNode();
        ArrayNode backends = root.putArray("backends");
        config.backends().stream().map(Backend::wireName).forEach(backends::add);
        root.put("block-lifetime-hours", config.blockLifetime().toHours());
        ArrayNode allow = root.putArray("allow-list");
        config.allowList().stream().map(Cidr::toString).forEach(allow::add);
        root.put("min-severity", Double.toString(config.minSeverity().score()));
        ArrayNode types = root.putArray("finding-types");
        config.findingTypes().stream().map(FindingTypePattern::text).forEach(types::add);
        ArrayNode sources = root.putArray("sources");
        config.sources().stream().sorted().map(FindingSource::wireName).forEach(sources::add);
        ObjectNode notifications = root.putObject("notifications");
        config.notifications().snsTopicArn().ifPresent(arn -> notifications.put("sns-topic-arn", arn));
        config.notifications().slackWebhookSecret().ifPresent(s -> notifications.put("slack-webhook-secret", s));
        root.put("dry-run", config.dryRun());
        root.put("rule-group-capacity", config.ruleGroupCapacity());
        root.putObject("nacl")
                .put("first-rule-number", config.nacl().firstRuleNumber())
                .put("max-entries", config.nacl().maxEntries());
        root.putObject("waf").put("scope", config.waf().scope());
        config.writePlaybooks(root);
        try {
            return ResponseJson.mapper().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
