package dev.portcullis.response.lambda;

import dev.portcullis.response.config.Backend;
import dev.portcullis.response.config.ResponseConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every function of the response stack reads from its environment, written by the CDK stack. One record,
 * validated once at cold start, so a mis-wired function fails with a message naming the variable instead of a
 * NullPointerException halfway through a block.
 *
 * <pre>
 * PORTCULLIS_CONFIG      the ResponseConfig as JSON in the configuration-file form (kebab-case keys), required
 * BLOCKLIST_TABLE        DynamoDB table name, required
 * RULE_GROUP_ARN         stateless rule group ARN, required when backends include network-firewall
 * WAF_IPV4_SET           "name|id" of the IPv4 IP set, required when backends include waf
 * WAF_IPV6_SET           "name|id" of the IPv6 IP set, required when backends include waf
 * TOPIC_ARN              SNS topic for notifications, optional
 * SLACK_WEBHOOK_SECRET_ID  Secrets Manager secret id (name or ARN) whose string is the Slack webhook URL, optional
 * </pre>
 */
public record LambdaEnvironment(
        ResponseConfig config,
        String blocklistTable,
        Optional<String> ruleGroupArn,
        Optional<IpSetId> wafIpv4Set,
        Optional<IpSetId> wafIpv6Set,
        Optional<String> topicArn,
        Optional<String> slackWebhookSecret) {

    public static final String CONFIG = "PORTCULLIS_CONFIG";
    public static final String BLOCKLIST_TABLE = "BLOCKLIST_TABLE";
    public static final String RULE_GROUP_ARN = "RULE_GROUP_ARN";
    public static final String WAF_IPV4_SET = "WAF_IPV4_SET";
    public static final String WAF_IPV6_SET = "WAF_IPV6_SET";
    public static final String TOPIC_ARN = "TOPIC_ARN";
    public static final String SLACK_WEBHOOK_SECRET = "SLACK_WEBHOOK_SECRET_ID";

    /** A WAFv2 IP set as its update calls address it. */
    public record IpSetId(String name, String id) {
        static IpSetId parse(String variable, String text) {
            int bar = text.indexOf('|');
            if (bar <= 0 || bar == text.length() - 1 || text.indexOf('|', bar + 1) >= 0) {
                throw new IllegalStateException(variable + " must be \"name|id\" of a WAFv2 IP set, not '" + text + "'");
            }
            return new IpSetId(text.substring(0, bar), text.substring(bar + 1));
        }
    }

    public static LambdaEnvironment fromSystem() {
        return from(System.getenv());
    }

    /** Reads and checks the variables; throws IllegalStateException listing every problem at once. */
    public static LambdaEnvironment from(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        ResponseConfig config = null;
        String configText = value(env, CONFIG).orElse(null);
        if (configText == null) {
            problems.add(CONFIG + " is not set");
        } else {
            try {
                config = ResponseConfig.parse(configText, CONFIG);
            } catch (RuntimeException e) {
                problems.add(CONFIG + ": " + e.getMessage());
            }
        }
        Optional<String> table = value(env, BLOCKLIST_TABLE);
        if (table.isEmpty()) {
            problems.add(BLOCKLIST_TABLE + " is not set");
        }
        Optional<String> ruleGroup = value(env, RULE_GROUP_ARN);
        Optional<IpSetId> v4 = Optional.empty();
        Optional<IpSetId> v6 = Optional.empty();
        try {
            v4 = value(env, WAF_IPV4_SET).map(text -> IpSetId.parse(WAF_IPV4_SET, text));
            v6 = value(env, WAF_IPV6_SET).map(text -> IpSetId.parse(WAF_IPV6_SET, text));
        } catch (IllegalStateException e) {
            problems.add(e.getMessage());
        }
        if (config != null) {
            if (config.backends().contains(Backend.NETWORK_FIREWALL) && ruleGroup.isEmpty()) {
                problems.add(RULE_GROUP_ARN + " is not set but backends include network-firewall");
            }
            if (config.backends().contains(Backend.WAF) && (v4.isEmpty() || v6.isEmpty())) {
                problems.add(WAF_IPV4_SET + " and " + WAF_IPV6_SET + " must both be set when backends include waf");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the function's environment is not usable: " + String.join("; ", problems));
        }
        return new LambdaEnvironment(config, table.get(), ruleGroup, v4, v6, value(env, TOPIC_ARN),
                value(env, SLACK_WEBHOOK_SECRET));
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }
}
