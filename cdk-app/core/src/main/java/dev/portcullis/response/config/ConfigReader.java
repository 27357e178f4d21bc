package dev.portcullis.response.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.finding.FindingSource;
import dev.portcullis.response.flowlog.FlowLogFormat;
import dev.portcullis.response.flowlog.FlowLogRecords;
import dev.portcullis.response.net.Cidr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns a configuration tree into a {@link ResponseConfig}, collecting every error with the key it belongs to.
 * Values may be strings wherever a number, boolean or list is expected, because CDK context given on the command
 * line ({@code cdk synth -c ...}) only carries strings.
 */
final class ConfigReader {

    private static final List<String> TOP_KEYS = List.of("backends", "block-lifetime-hours", "allow-list",
            "min-severity", "finding-types", "sources", "notifications", "dry-run", "rule-group-capacity", "nacl",
            "waf", "quarantine", "flow-logs", "audit");
    private static final List<String> NOTIFICATION_KEYS = List.of("sns-topic-arn", "slack-webhook-secret");
    private static final List<String> NACL_KEYS = List.of("first-rule-number", "max-entries");
    private static final List<String> WAF_KEYS = List.of("scope");
    private static final List<String> AUDIT_KEYS = List.of("enabled", "own-roles");

    private static final Pattern SNS_ARN = Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_.-]{1,256}");
    private static final Pattern SECRET_ARN = Pattern.compile(
            "arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}");
    private static final Pattern VPC_ID = Pattern.compile("vpc-[0-9a-f]{8,17}");
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final int MAX_LIFETIME_HOURS = 87_600;
    private static final int MAX_NACL_RULE_NUMBER = 32_766;
    private static final int MAX_NACL_ENTRIES = 40;

    private final String source;
    private final List<ConfigError> errors = new ArrayList<>();

    private ConfigReader(String source) {
        this.source = source;
    }

    static ResponseConfig fromFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidConfigException(file.toString(), List.of(new ConfigError("(file)", "cannot read: " + e)));
        }
        return fromText(text, file.toString());
    }

    static ResponseConfig fromText(String text, String source) {
        JsonNode root;
        try {
            boolean json = source.toLowerCase(Locale.ROOT).endsWith(".json");
            root = (json ? ResponseJson.mapper() : ResponseJson.yaml()).readTree(text);
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new InvalidConfigException(source, List.of(new ConfigError("(file)", "not valid YAML/JSON: "
                    + message)));
        }
        return new ConfigReader(source).read(root == null ? MissingNode.getInstance() : root);
    }

    static ResponseConfig fromMap(Map<String, ?> map, String source) {
        JsonNode root;
        try {
            root = map == null ? MissingNode.getInstance() : ResponseJson.mapper().valueToTree(map);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(source, List.of(new ConfigError("(context)", "cannot be read: "
                    + e.getMessage())));
        }
        return new ConfigReader(source).read(root);
    }

    private ResponseConfig read(JsonNode root) {
        ResponseConfig defaults = ResponseConfig.defaults();
        if (root.isMissingNode() || root.isNull()) {
            return defaults;
        }
        if (!root.isObject()) {
            throw new InvalidConfigException(source, List.of(new ConfigError("(root)", "must be a mapping of keys")));
        }
        unknownKeys(root, "", TOP_KEYS);
        List<Backend> backends = list(root, "backends", defaults.backends(), (key, node) ->
                enumValue(key, node, Backend::parse, "network-firewall, waf, nacl"));
        noDuplicates("backends", backends);
        nonEmpty("backends", root, backends);
        Integer hours = integer(root, "block-lifetime-hours", (int) defaults.blockLifetime().toHours(), 1,
                MAX_LIFETIME_HOURS);
        List<Cidr> allowList = list(root, "allow-list", defaults.allowList(), (key, node) ->
                parsed(key, node, Cidr::parse));
        SeverityThreshold minSeverity = scalar(root, "min-severity", defaults.minSeverity(), (key, node) ->
                parsed(key, node, SeverityThreshold::parse));
        List<FindingTypePattern> types = list(root, "finding-types", defaults.findingTypes(), (key, node) ->
                parsed(key, node, FindingTypePattern::new));
        List<FindingSource> sources = list(root, "sources", List.copyOf(defaults.sources()), (key, node) ->
                enumValue(key, node, ConfigReader::source, "guardduty, securityhub"));
        noDuplicates("sources", sources);
        nonEmpty("sources", root, sources);
        NotificationTargets notifications = notifications(root.path("notifications"));
        Boolean dryRun = bool(root, "dry-run", defaults.dryRun());
        Integer capacity = integer(root, "rule-group-capacity", defaults.ruleGroupCapacity(), 1,
                ResponseConfig.MAX_RULE_GROUP_CAPACITY);
        NaclSettings nacl = nacl(root.path("nacl"));
        WafSettings waf = waf(root.path("waf"));
        QuarantineSettings quarantine = quarantine(root.path("quarantine"));
        FlowLogSettings flowLogs = flowLogs(root.path("flow-logs"));
        AuditSettings audit = audit(root.path("audit"));
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(source, errors);
        }
        return new ResponseConfig(backends, Duration.ofHours(hours), allowList, minSeverity, types,
                sources.isEmpty() ? Set.of() : EnumSet.copyOf(sources), notifications, dryRun, capacity, nacl, waf,
                quarantine, flowLogs, audit);
    }

    private NotificationTargets notifications(JsonNode node) {
        if (!section("notifications", node, NOTIFICATION_KEYS)) {
            return NotificationTargets.none();
        }
        Optional<String> topic = Optional.ofNullable(scalar(node, "notifications.sns-topic-arn", "sns-topic-arn",
                null, (key, value) -> matching(key, value, SNS_ARN, "an SNS topic ARN")));
        Optional<String> secret = Optional.ofNullable(scalar(node, "notifications.slack-webhook-secret",
                "slack-webhook-secret", null, this::secretReference));
        return new NotificationTargets(topic, secret);
    }

    private NaclSettings nacl(JsonNode node) {
        NaclSettings defaults = NaclSettings.defaults();
        if (!section("nacl", node, NACL_KEYS)) {
            return defaults;
        }
        Integer first = integer(node, "nacl.first-rule-number", "first-rule-number", defaults.firstRuleNumber(), 1,
                MAX_NACL_RULE_NUMBER);
        Integer max = integer(node, "nacl.max-entries", "max-entries", defaults.maxEntries(), 1, MAX_NACL_ENTRIES);
        if (first != null && max != null && first + max - 1 > MAX_NACL_RULE_NUMBER) {
            error("nacl.max-entries", "rule numbers " + first + "-" + (first + max - 1) + " go past "
                    + MAX_NACL_RULE_NUMBER);
        }
        return first == null || max == null ? defaults : new NaclSettings(first, max);
    }

    private WafSettings waf(JsonNode node) {
        if (!section("waf", node, WAF_KEYS)) {
            return WafSettings.defaults();
        }
        String scope = scalar(node, "waf.scope", "scope", WafSettings.defaults().scope(), (key, value) -> {
            String text = value.asText().toUpperCase(Locale.ROOT);
            if (!value.isTextual() || !(text.equals("REGIONAL") || text.equals("CLOUDFRONT"))) {
                error(key, "'" + value.asText() + "' is not REGIONAL or CLOUDFRONT");
                return null;
            }
            return text;
        });
        return scope == null ? WafSettings.defaults() : new WafSettings(scope);
    }

    private QuarantineSettings quarantine(JsonNode node) {
        QuarantineSettings d = QuarantineSettings.defaults();
        if (!section("quarantine", node, QuarantineSettings.KEYS)) {
            return d;
        }
        List<Cidr> ssh = list(node, "quarantine.operator-ssh-cidrs", "operator-ssh-cidrs", d.operatorSshCidrs(),
                (key, value) -> parsed(key, value, Cidr::parse));
        List<Cidr> https = list(node, "quarantine.egress-https-cidrs", "egress-https-cidrs", d.egressHttpsCidrs(),
                (key, value) -> parsed(key, value, Cidr::parse));
        Boolean detach = bool(node, "quarantine.detach-from-auto-scaling", "detach-from-auto-scaling",
                d.detachFromAutoScaling());
        Boolean deregister = bool(node, "quarantine.deregister-targets", "deregister-targets", d.deregisterTargets());
        Boolean snapshots = bool(node, "quarantine.snapshot-volumes", "snapshot-volumes", d.snapshotVolumes());
        Boolean dryRun = bool(node, "quarantine.dry-run", "dry-run", d.dryRun());
        if (detach == null || deregister == null || snapshots == null || dryRun == null) {
            return d;
        }
        return new QuarantineSettings(ssh, https, detach, deregister, snapshots, dryRun);
    }

    private FlowLogSettings flowLogs(JsonNode node) {
        FlowLogSettings d = FlowLogSettings.defaults();
        if (!section("flow-logs", node, FlowLogSettings.KEYS)) {
            return d;
        }
        FlowLogResponse response = scalar(node, "flow-logs.response", "response", d.response(), (key, value) ->
                enumValue(key, value, FlowLogResponse::parse,
                        "notify, isolate, snapshot-and-isolate, snapshot-and-terminate"));
        List<FlowLogFormat> formats = list(node, "flow-logs.formats", "formats", d.formats(), (key, value) ->
                parsed(key, value, FlowLogFormat::parse));
        if (formats.stream().allMatch(java.util.Objects::nonNull)) {
            List<FlowLogFormat> all = new ArrayList<>(List.of(FlowLogFormat.DEFAULT, FlowLogFormat.PORTCULLIS));
            all.addAll(formats);
            try {
                new FlowLogRecords(all);
            } catch (IllegalArgumentException e) {
                error("flow-logs.formats", e.getMessage() + " (the built-in formats have "
                        + FlowLogFormat.DEFAULT.fields().size() + " and " + FlowLogFormat.PORTCULLIS.fields().size()
                        + " fields)");
            }
        }
        List<Cidr> threats = list(node, "flow-logs.threat-list", "threat-list", d.threatList(), (key, value) ->
                parsed(key, value, Cidr::parse));
        Boolean initiated = bool(node, "flow-logs.trigger-on-initiated-reject", "trigger-on-initiated-reject",
                d.triggerOnInitiatedReject());
        Integer max = d.maxResponses();
        Integer minutes = (int) d.window().toMinutes();
        JsonNode rate = node.path("rate-limit");
        if (section("flow-logs.rate-limit", rate, FlowLogSettings.RATE_LIMIT_KEYS)) {
            max = integer(rate, "flow-logs.rate-limit.max-responses", "max-responses", d.maxResponses(), 1, 1000);
            minutes = integer(rate, "flow-logs.rate-limit.window-minutes", "window-minutes",
                    (int) d.window().toMinutes(), 1, 10_080);
        }
        Boolean asg = bool(node, "flow-logs.terminate-auto-scaling-members", "terminate-auto-scaling-members",
                d.terminateAutoScalingMembers());
        List<String> vpcs = list(node, "flow-logs.vpc-ids", "vpc-ids", d.vpcIds(), (key, value) ->
                matching(key, value, VPC_ID, "a VPC id (vpc-0123456789abcdef0)"));
        noDuplicates("flow-logs.vpc-ids", vpcs);
        Boolean dryRun = bool(node, "flow-logs.dry-run", "dry-run", d.dryRun());
        if (response == null || initiated == null || max == null || minutes == null || asg == null
                || dryRun == null) {
            return d;
        }
        return new FlowLogSettings(response, formats, threats, initiated, max, Duration.ofMinutes(minutes), asg,
                vpcs, dryRun);
    }

    private AuditSettings audit(JsonNode node) {
        AuditSettings defaults = AuditSettings.defaults();
        if (!section("audit", node, AUDIT_KEYS)) {
            return defaults;
        }
        Boolean enabled = bool(node, "audit.enabled", "enabled", defaults.enabled());
        List<String> roles = list(node, "audit.own-roles", "own-roles", defaults.ownRoles(), (key, value) ->
                matching(key, value, AuditSettings.ROLE_ARN, "an IAM role ARN"));
        return new AuditSettings(enabled == null ? defaults.enabled() : enabled, roles);
    }

    private String secretReference(String key, JsonNode value) {
        String text = value.asText();
        if (!value.isTextual()) {
            error(key, "must be a Secrets Manager secret name or ARN");
            return null;
        }
        if (text.startsWith("http:") || text.startsWith("https:")) {
            error(key, "looks like the webhook URL itself; store the URL in Secrets Manager and give the secret's "
                    + "name or ARN here, so the URL never appears in the template");
            return null;
        }
        if (!SECRET_ARN.matcher(text).matches() && !SECRET_NAME.matcher(text).matches()) {
            error(key, "'" + text + "' is not a Secrets Manager secret name or ARN");
            return null;
        }
        return text;
    }

    private static Optional<FindingSource> source(String text) {
        for (FindingSource value : FindingSource.values()) {
            if (value.wireName().equals(text)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    // ---- generic value readers (each records its own error and returns null) ------------------------------

    private interface ValueReader<T> {
        T read(String key, JsonNode value);
    }

    /** True when the section is present and a mapping; records an error when present and not a mapping. */
    private boolean section(String key, JsonNode node, List<String> known) {
        if (node.isMissingNode() || node.isNull()) {
            return false;
        }
        if (!node.isObject()) {
            error(key, "must be a mapping with keys " + String.join(", ", known));
            return false;
        }
        unknownKeys(node, key + ".", known);
        return true;
    }

    private <T> T scalar(JsonNode parent, String key, T fallback, ValueReader<T> reader) {
        return scalar(parent, key, key, fallback, reader);
    }

    private <T> T scalar(JsonNode parent, String fullKey, String key, T fallback, ValueReader<T> reader) {
        JsonNode value = parent.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isContainerNode()) {
            error(fullKey, "must be a single value, not a " + (value.isArray() ? "list" : "mapping"));
            return null;
        }
        return reader.read(fullKey, value);
    }

    private <T> List<T> list(JsonNode parent, String key, List<T> fallback, ValueReader<T> reader) {
        return list(parent, key, key, fallback, reader);
    }

    private <T> List<T> list(JsonNode parent, String fullKey, String field, List<T> fallback, ValueReader<T> reader) {
        String key = fullKey;
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        List<T> out = new ArrayList<>();
        if (value.isTextual()) {
            // A comma-separated string: how a list arrives through `cdk -c key=a,b`.
            String[] parts = value.asText().split(",");
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i].trim();
                if (!part.isEmpty()) {
                    add(out, reader.read(key + "[" + i + "]", ResponseJson.mapper().getNodeFactory().textNode(part)));
                }
            }
            return out;
        }
        if (!value.isArray()) {
            error(key, "must be a list");
            return fallback;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item.isContainerNode() || item.isNull()) {
                error(key + "[" + i + "]", "must be a single value");
            } else {
                add(out, reader.read(key + "[" + i + "]", item));
            }
        }
        return out;
    }

    private Integer integer(JsonNode parent, String key, int fallback, int min, int max) {
        return integer(parent, key, key, fallback, min, max);
    }

    private Integer integer(JsonNode parent, String fullKey, String key, int fallback, int min, int max) {
        return scalar(parent, fullKey, key, fallback, (k, value) -> {
            String text = value.asText().trim();
            if (!(value.isIntegralNumber() || (value.isTextual() && text.matches("-?\\d{1,9}")))) {
                error(k, "'" + text + "' is not a whole number");
                return null;
            }
            long number = Long.parseLong(text);
            if (number < min || number > max) {
                error(k, number + " is outside " + min + "-" + max);
                return null;
            }
            return (int) number;
        });
    }

    private Boolean bool(JsonNode parent, String key, boolean fallback) {
        return bool(parent, key, key, fallback);
    }

    private Boolean bool(JsonNode parent, String fullKey, String field, boolean fallback) {
        return scalar(parent, fullKey, field, fallback, (k, value) -> {
            if (value.isBoolean()) {
                return value.asBoolean();
            }
            String text = value.asText().trim().toLowerCase(Locale.ROOT);
            if (value.isTextual() && (text.equals("true") || text.equals("false"))) {
                return Boolean.parseBoolean(text);
            }
            error(k, "'" + value.asText() + "' is not true or false");
            return null;
        });
    }

    private <T> T enumValue(String key, JsonNode value, Function<String, Optional<T>> parse, String allowed) {
        Optional<T> result = value.isTextual() ? parse.apply(value.asText().trim()) : Optional.empty();
        if (result.isEmpty()) {
            error(key, "'" + value.asText() + "' is not one of " + allowed);
            return null;
        }
        return result.get();
    }

    private <T> T parsed(String key, JsonNode value, Function<String, T> parse) {
        try {
            return parse.apply(value.asText().trim());
        } catch (IllegalArgumentException e) {
            error(key, e.getMessage());
            return null;
        }
    }

    private String matching(String key, JsonNode value, Pattern pattern, String what) {
        if (!value.isTextual() || !pattern.matcher(value.asText()).matches()) {
            error(key, "'" + value.asText() + "' is not " + what);
            return null;
        }
        return value.asText();
    }

    private void unknownKeys(JsonNode node, String prefix, List<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                error(prefix + name, "unknown key" + suggestion(name, known) + "; known keys: "
                        + String.join(", ", known));
            }
        }
    }

    private <T> void noDuplicates(String key, List<T> values) {
        if (values.stream().distinct().count() != values.size()) {
            error(key, "lists a value more than once");
        }
    }

    private void nonEmpty(String key, JsonNode root, List<?> values) {
        if (values.isEmpty() && root.has(key) && errors.stream().noneMatch(e -> e.key().startsWith(key))) {
            error(key, "must name at least one value");
        }
    }

    private static String suggestion(String name, List<String> known) {
        String kebab = name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replace('_', '-').toLowerCase(Locale.ROOT);
        for (String candidate : known) {
            if (candidate.equals(kebab) || distance(candidate, name.toLowerCase(Locale.ROOT)) <= 2) {
                return " (did you mean '" + candidate + "'?)";
            }
        }
        return "";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static <T> void add(List<T> out, T value) {
        if (value != null) {
            out.add(value);
        }
    }

    private void error(String key, String message) {
        errors.add(new ConfigError(key, message));
    }
}
