package dev.portcullis.response.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.finding.FindingSource;
import dev.portcullis.response.finding.SeverityLabel;
import dev.portcullis.response.net.Cidr;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The response stack's one typed configuration, read from a YAML/JSON file or from the CDK context, validated as a
 * whole (see {@link #parse}). The CDK stack, the Lambdas (through environment variables the stack writes) and
 * {@code portcullis replay} all work from this record. Keys and defaults:
 *
 * <pre>
 * backends: [network-firewall]       # network-firewall | waf | nacl, one or more
 * block-lifetime-hours: 720          # how long a block lasts (30 days)
 * allow-list: []                     # CIDRs never blocked (partners, scanners you hired, your own egress)
 * min-severity: MEDIUM               # 0-10 or LOW | MEDIUM | HIGH | CRITICAL
 * finding-types: []                  # empty: every type; else exact types or prefixes ending in *
 * sources: [guardduty, securityhub]  # which EventBridge rules to create
 * notifications:
 *   sns-topic-arn: ...               # optional; without it the stack creates a topic
 *   slack-webhook-secret: ...        # optional; Secrets Manager secret name or ARN holding the webhook URL
 * dry-run: true                      # decide and record, enforce nothing
 * rule-group-capacity: 2000          # Network Firewall stateless rule group capacity (fixed at creation)
 * nacl: {first-rule-number: 1, max-entries: 10}
 * waf: {scope: REGIONAL}
 * quarantine: {...}                  # Security Hub custom actions Quarantine / Release, see QuarantineSettings
 * flow-logs: {...}                   # the flow-log kill switch, see FlowLogSettings
 * audit: {enabled: true, own-roles: []}   # audit of deployed changes (CloudTrail), see AuditSettings
 * </pre>
 *
 * {@code dry-run} defaults to true: a new deployment shows what it would block (in notifications and the blocklist)
 * before it is allowed to drop traffic, so a missing allow-list entry costs a message, not an outage.
 */
public record ResponseConfig(
        List<Backend> backends,
        Duration blockLifetime,
        List<Cidr> allowList,
        SeverityThreshold minSeverity,
        List<FindingTypePattern> findingTypes,
        Set<FindingSource> sources,
        NotificationTargets notifications,
        boolean dryRun,
        int ruleGroupCapacity,
        NaclSettings nacl,
        WafSettings waf,
        QuarantineSettings quarantine,
        FlowLogSettings flowLogs,
        AuditSettings audit) {

    public static final List<Backend> DEFAULT_BACKENDS = List.of(Backend.NETWORK_FIREWALL);
    public static final Duration DEFAULT_BLOCK_LIFETIME = Duration.ofHours(720);
    public static final SeverityThreshold DEFAULT_MIN_SEVERITY = SeverityThreshold.of(SeverityLabel.MEDIUM);
    public static final boolean DEFAULT_DRY_RUN = true;
    public static final int DEFAULT_RULE_GROUP_CAPACITY = 2000;
    /** Network Firewall's upper bound for a stateless rule group's capacity. */
    public static final int MAX_RULE_GROUP_CAPACITY = 30_000;
    /**
     * {@code Note.UpdatedBy} of our Security Hub updates. Together with workflow status NOTIFIED it is how the
     * pattern and the decision recognise our own "Findings - Imported" echo and never act on it.
     */
    public static final String NOTE_AUTHOR = "portcullis-response";

    public ResponseConfig {
        backends = List.copyOf(backends);
        allowList = List.copyOf(allowList);
        findingTypes = List.copyOf(findingTypes);
        sources = sources.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(sources));
    }

    /** The block-ip settings alone; the playbooks' sections take their defaults. */
    public ResponseConfig(List<Backend> backends, Duration blockLifetime, List<Cidr> allowList,
                          SeverityThreshold minSeverity, List<FindingTypePattern> findingTypes, Set<FindingSource> sources,
                          NotificationTargets notifications, boolean dryRun, int ruleGroupCapacity, NaclSettings nacl,
                          WafSettings waf) {
        this(backends, blockLifetime, allowList, minSeverity, findingTypes, sources, notifications, dryRun,
                ruleGroupCapacity, nacl, waf, QuarantineSettings.defaults(), FlowLogSettings.defaults(),
                AuditSettings.defaults());
    }

    /** The block-ip settings and the audit's; the instance playbooks' sections take their defaults. */
    public ResponseConfig(List<Backend> backends, Duration blockLifetime, List<Cidr> allowList,
                          SeverityThreshold minSeverity, List<FindingTypePattern> findingTypes, Set<FindingSource> sources,
                          NotificationTargets notifications, boolean dryRun, int ruleGroupCapacity, NaclSettings nacl,
                          WafSettings waf, AuditSettings audit) {
        this(backends, blockLifetime, allowList, minSeverity, findingTypes, sources, notifications, dryRun,
                ruleGroupCapacity, nacl, waf, QuarantineSettings.defaults(), FlowLogSettings.defaults(), audit);
    }

    public static ResponseConfig defaults() {
        return new ResponseConfig(DEFAULT_BACKENDS, DEFAULT_BLOCK_LIFETIME, List.of(), DEFAULT_MIN_SEVERITY, List.of(),
                EnumSet.allOf(FindingSource.class), NotificationTargets.none(), DEFAULT_DRY_RUN,
                DEFAULT_RULE_GROUP_CAPACITY, NaclSettings.defaults(), WafSettings.defaults(), AuditSettings.defaults());
    }

    /** Reads a YAML or JSON file (JSON is read as JSON when the name ends in .json). */
    public static ResponseConfig fromFile(Path file) {
        return ConfigReader.fromFile(file);
    }

    /** Reads YAML or JSON text; {@code sourceName} only labels error messages. */
    public static ResponseConfig parse(String text, String sourceName) {
        return ConfigReader.fromText(text, sourceName);
    }

    /**
     * Reads the configuration object of the CDK context (e.g. {@code tryGetContext("portcullis")}). Scalars may be
     * strings, as {@code cdk -c key=value} gives them; lists may be comma-separated strings.
     */
    public static ResponseConfig fromMap(Map<String, ?> context) {
        return ConfigReader.fromMap(context, "CDK context");
    }

    /**
     * This configuration as a JSON document in the file format, so that {@code parse(config.toJson(), "x.json")}
     * gives it back. The stack hands it to the Lambdas this way (one environment variable), so they run on exactly
     * the configuration that was synthesized.
     */
    public String toJson() {
        ObjectNode root = ResponseJson.mapper().createObjectNode();
        ArrayNode backendList = root.putArray("backends");
        backends.forEach(b -> backendList.add(b.wireName()));
        root.put("block-lifetime-hours", blockLifetime.toHours());
        ArrayNode allow = root.putArray("allow-list");
        allowList.forEach(c -> allow.add(c.toString()));
        root.put("min-severity", minSeverity.score());
        ArrayNode types = root.putArray("finding-types");
        findingTypes.forEach(t -> types.add(t.text()));
        ArrayNode sourceList = root.putArray("sources");
        sources.stream().sorted().forEach(s -> sourceList.add(s.wireName()));
        ObjectNode notify = root.putObject("notifications");
        notifications.snsTopicArn().ifPresent(arn -> notify.put("sns-topic-arn", arn));
        notifications.slackWebhookSecret().ifPresent(secret -> notify.put("slack-webhook-secret", secret));
        root.put("dry-run", dryRun);
        root.put("rule-group-capacity", ruleGroupCapacity);
        root.putObject("nacl").put("first-rule-number", nacl.firstRuleNumber()).put("max-entries", nacl.maxEntries());
        root.putObject("waf").put("scope", waf.scope());
        writePlaybooks(root);
        return root.toString();
    }

    /**
     * Adds the playbooks' sections ({@code quarantine}, {@code flow-logs}, {@code audit}) to a configuration document;
     * the stack's function environment writes them through here too, so no function misses a section.
     */
    public void writePlaybooks(ObjectNode root) {
        quarantine.writeTo(root.putObject("quarantine"));
        flowLogs.writeTo(root.putObject("flow-logs"));
        ArrayNode roles = root.putObject("audit").put("enabled", audit.enabled()).putArray("own-roles");
        audit.ownRoles().forEach(roles::add);
    }

    public boolean acts(FindingSource source) {
        return sources.contains(source);
    }

    public ResponseConfig withAllowList(List<Cidr> cidrs) {
        return new ResponseConfig(backends, blockLifetime, cidrs, minSeverity, findingTypes, sources, notifications,
                dryRun, ruleGroupCapacity, nacl, waf, quarantine, flowLogs, audit);
    }

    public ResponseConfig withMinSeverity(SeverityThreshold threshold) {
        return new ResponseConfig(backends, blockLifetime, allowList, threshold, findingTypes, sources, notifications,
                dryRun, ruleGroupCapacity, nacl, waf, quarantine, flowLogs, audit);
    }

    public ResponseConfig withDryRun(boolean value) {
        return new ResponseConfig(backends, blockLifetime, allowList, minSeverity, findingTypes, sources, notifications,
                value, ruleGroupCapacity, nacl, waf, quarantine, flowLogs, audit);
    }

    /**
     * Every response in dry-run: block-ip, quarantine, the kill switch and the audit's reverts (which follow the
     * top-level dry-run); what replay runs with.
     */
    public ResponseConfig withEverythingDryRun() {
        QuarantineSettings q = quarantine;
        FlowLogSettings f = flowLogs;
        return new ResponseConfig(backends, blockLifetime, allowList, minSeverity, findingTypes, sources, notifications,
                true, ruleGroupCapacity, nacl, waf,
                new QuarantineSettings(q.operatorSshCidrs(), q.egressHttpsCidrs(), q.detachFromAutoScaling(),
                        q.deregisterTargets(), q.snapshotVolumes(), true),
                new FlowLogSettings(f.response(), f.formats(), f.threatList(), f.triggerOnInitiatedReject(),
                        f.maxResponses(), f.window(), f.terminateAutoScalingMembers(), f.vpcIds(), true),
                audit);
    }

    public ResponseConfig withBackends(List<Backend> values) {
        return new ResponseConfig(values, blockLifetime, allowList, minSeverity, findingTypes, sources, notifications,
                dryRun, ruleGroupCapacity, nacl, waf, quarantine, flowLogs, audit);
    }

    public ResponseConfig withAudit(AuditSettings value) {
        return new ResponseConfig(backends, blockLifetime, allowList, minSeverity, findingTypes, sources, notifications,
                dryRun, ruleGroupCapacity, nacl, waf, quarantine, flowLogs, value);
    }

    public ResponseConfig withFindingTypes(List<FindingTypePattern> values) {
        return new ResponseConfig(backends, blockLifetime, allowList, minSeverity, values, sources, notifications,
                dryRun, ruleGroupCapacity, nacl, waf, quarantine, flowLogs, audit);
    }
}
