package dev.portcullis.response.lambda.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.networkfirewall.NetworkFirewallClient;

/**
 * A FAKE of AWS Network Firewall, only the two calls the enforcer makes on one stateless rule group
 * (DescribeRuleGroup, UpdateRuleGroup), because moto has no Network Firewall rule groups. It keeps the semantics
 * the enforcer must cope with: the UpdateToken changes on every update and a stale one gets InvalidTokenException;
 * capacity is computed the way AWS documents it for stateless rules (product of the match settings of each rule,
 * summed) and an update that needs more than the group's capacity is rejected; priorities must be unique.
 * It is not a simulation of the service: no policies, firewalls, stateful rules or encryption.
 */
public final class FakeNetworkFirewall extends LoopbackJsonServer {
    private static final String TARGET_PREFIX = "NetworkFirewall_20201112.";

    private final String name;
    private final String arn;
    private final int capacity;
    private final AtomicInteger updates = new AtomicInteger();
    private final AtomicInteger staleTokenRejections = new AtomicInteger();
    private final AtomicInteger capacityRejections = new AtomicInteger();
    private ObjectNode ruleGroup;
    private String updateToken = UUID.randomUUID().toString();
    private int maxConsumedCapacity;
    private int foreignWritesPending;

    private FakeNetworkFirewall(String name, int capacity) {
        this.name = name;
        this.arn = "arn:aws:network-firewall:us-east-1:123456789012:stateless-rulegroup/" + name;
        this.capacity = capacity;
        this.ruleGroup = emptyStatelessGroup();
    }

    /** A stateless rule group with no rules, with room for {@code capacity} units. */
    public static FakeNetworkFirewall start(String ruleGroupName, int capacity) {
        return new FakeNetworkFirewall(ruleGroupName, capacity);
    }

    public String ruleGroupArn() {
        return arn;
    }

    public String ruleGroupName() {
        return name;
    }

    public int capacity() {
        return capacity;
    }

    public NetworkFirewallClient client() {
        return NetworkFirewallClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("fake", "fake")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    /** Another writer changed the group: the token moves on, the rules stay; whoever holds the old token is stale. */
    public synchronized void simulateForeignUpdate() {
        updateToken = UUID.randomUUID().toString();
    }

    /**
     * The next {@code count} UpdateRuleGroup calls each find that another writer updated the group after the caller
     * described it: the token moves on just before the call is checked, so the call is stale.
     */
    public synchronized void interleaveForeignUpdates(int count) {
        foreignWritesPending = count;
    }

    /** Every address that a drop rule names as source or destination, excluding the match-anything ranges. */
    public synchronized Set<String> droppedAddresses() {
        Set<String> addresses = new LinkedHashSet<>();
        for (JsonNode rule : rules(ruleGroup)) {
            JsonNode definition = rule.path("RuleDefinition");
            boolean drops = false;
            for (JsonNode action : definition.path("Actions")) {
                drops |= "aws:drop".equals(action.asText());
            }
            if (!drops) {
                continue;
            }
            for (String side : new String[] {"Sources", "Destinations"}) {
                for (JsonNode address : definition.path("MatchAttributes").path(side)) {
                    String cidr = address.path("AddressDefinition").asText();
                    if (!cidr.equals("0.0.0.0/0") && !cidr.equals("::/0")) {
                        addresses.add(cidr);
                    }
                }
            }
        }
        return addresses;
    }

    public synchronized int consumedCapacity() {
        return consumed(ruleGroup);
    }

    /** The highest capacity any accepted update has used: the load test checks it never passed the limit. */
    public synchronized int maxConsumedCapacity() {
        return maxConsumedCapacity;
    }

    public int updates() {
        return updates.get();
    }

    public int staleTokenRejections() {
        return staleTokenRejections.get();
    }

    public int capacityRejections() {
        return capacityRejections.get();
    }

    @Override
    protected Reply handle(String method, String path, HttpExchange exchange, JsonNode body) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (!"POST".equals(method) || target == null || !target.startsWith(TARGET_PREFIX)) {
            return error(400, "UnknownOperationException", "expected a JSON 1.0 call with X-Amz-Target " + TARGET_PREFIX + "*");
        }
        String operation = target.substring(TARGET_PREFIX.length());
        return switch (operation) {
            case "DescribeRuleGroup" -> describe(body);
            case "UpdateRuleGroup" -> update(body);
            default -> error(400, "UnknownOperationException", "the fake does not implement " + operation);
        };
    }

    private synchronized Reply describe(JsonNode request) {
        Reply missing = checkIdentity(request);
        if (missing != null) {
            return missing;
        }
        ObjectNode response = JSON.createObjectNode();
        response.put("UpdateToken", updateToken);
        response.set("RuleGroup", ruleGroup.deepCopy());
        response.set("RuleGroupResponse", groupResponse());
        return ok(response);
    }

    private synchronized Reply update(JsonNode request) {
        Reply missing = checkIdentity(request);
        if (missing != null) {
            return missing;
        }
        if (foreignWritesPending > 0) {
            foreignWritesPending--;
            updateToken = UUID.randomUUID().toString();
        }
        if (!updateToken.equals(text(request.get("UpdateToken")))) {
            staleTokenRejections.incrementAndGet();
            return error(400, "InvalidTokenException", "Update token is out of date; describe the rule group again");
        }
        JsonNode proposed = request.get("RuleGroup");
        if (proposed == null || !proposed.isObject()) {
            return error(400, "InvalidRequestException", "RuleGroup is required by this fake");
        }
        Set<Integer> priorities = new HashSet<>();
        for (JsonNode rule : rules(proposed)) {
            int priority = rule.path("Priority").asInt(0);
            if (priority < 1 || priority > 65535 || !priorities.add(priority)) {
                return error(400, "InvalidRequestException", "priority " + rule.path("Priority") + " is invalid or used twice");
            }
            for (String side : new String[] {"Sources", "Destinations"}) {
                for (JsonNode address : rule.path("RuleDefinition").path("MatchAttributes").path(side)) {
                    if (!address.path("AddressDefinition").asText().contains("/")) {
                        return error(400, "InvalidRequestException", "AddressDefinition must be a CIDR block: " + address);
                    }
                }
            }
        }
        int needed = consumed(proposed);
        if (needed > capacity) {
            capacityRejections.incrementAndGet();
            return error(400, "InvalidRequestException",
                    "rule group needs capacity " + needed + " but was created with " + capacity);
        }
        ruleGroup = proposed.deepCopy();
        updateToken = UUID.randomUUID().toString();
        updates.incrementAndGet();
        maxConsumedCapacity = Math.max(maxConsumedCapacity, needed);
        ObjectNode response = JSON.createObjectNode();
        response.put("UpdateToken", updateToken);
        response.set("RuleGroupResponse", groupResponse());
        return ok(response);
    }

    private Reply checkIdentity(JsonNode request) {
        String askedArn = text(request.get("RuleGroupArn"));
        String askedName = text(request.get("RuleGroupName"));
        if ((askedArn != null && !askedArn.equals(arn)) || (askedArn == null && !name.equals(askedName))) {
            return error(400, "ResourceNotFoundException", "no rule group " + (askedArn != null ? askedArn : askedName));
        }
        String type = text(request.get("Type"));
        if (type != null && !type.equals("STATELESS")) {
            return error(400, "ResourceNotFoundException", "no " + type + " rule group " + name);
        }
        return null;
    }

    private ObjectNode groupResponse() {
        ObjectNode response = JSON.createObjectNode();
        response.put("RuleGroupArn", arn);
        response.put("RuleGroupName", name);
        response.put("RuleGroupId", UUID.nameUUIDFromBytes(arn.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        response.put("Type", "STATELESS");
        response.put("Capacity", capacity);
        response.put("ConsumedCapacity", consumed(ruleGroup));
        response.put("RuleGroupStatus", "ACTIVE");
        response.put("NumberOfAssociations", 1);
        return response;
    }

    /** AWS: a stateless rule costs the product of its match-setting counts (each at least 1); the group sums them. */
    private static int consumed(JsonNode group) {
        int total = 0;
        for (JsonNode rule : rules(group)) {
            JsonNode match = rule.path("RuleDefinition").path("MatchAttributes");
            int cost = 1;
            for (String setting : new String[] {"Sources", "Destinations", "SourcePorts", "DestinationPorts", "Protocols", "TCPFlags"}) {
                cost *= Math.max(1, match.path(setting).size());
            }
            total += cost;
        }
        return total;
    }

    private static JsonNode rules(JsonNode group) {
        return group.path("RulesSource").path("StatelessRulesAndCustomActions").path("StatelessRules");
    }

    private static ObjectNode emptyStatelessGroup() {
        ObjectNode group = JSON.createObjectNode();
        group.putObject("RulesSource").putObject("StatelessRulesAndCustomActions").putArray("StatelessRules");
        return group;
    }
}
