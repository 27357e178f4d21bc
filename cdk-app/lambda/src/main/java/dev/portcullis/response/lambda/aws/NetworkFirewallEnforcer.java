package dev.portcullis.response.lambda.aws;

import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.port.EnforcementPoint;
import dev.portcullis.response.port.Enforcer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.networkfirewall.NetworkFirewallClient;
import software.amazon.awssdk.services.networkfirewall.model.Address;
import software.amazon.awssdk.services.networkfirewall.model.DescribeRuleGroupResponse;
import software.amazon.awssdk.services.networkfirewall.model.InvalidTokenException;
import software.amazon.awssdk.services.networkfirewall.model.MatchAttributes;
import software.amazon.awssdk.services.networkfirewall.model.RuleGroup;
import software.amazon.awssdk.services.networkfirewall.model.RuleGroupType;
import software.amazon.awssdk.services.networkfirewall.model.StatelessRule;

/**
 * Blocks addresses in a stateless Network Firewall rule group that the stack owns: two drop rules per address
 * (from it, to it), each costing one unit of capacity. Every write describes the group, recomputes the whole rule
 * list from the blocked set, checks capacity against the group's real capacity (and the configured one), and
 * updates with the UpdateToken it read; a stale token means another writer got in between, so it starts over.
 * Rules in the group that are not of that shape are not ours: they are dropped on the next write, which is why the
 * group must be dedicated (the stack creates it so).
 */
public final class NetworkFirewallEnforcer implements Enforcer {
    private static final String DROP = "aws:drop";
    private static final String ANY_V4 = "0.0.0.0/0";
    private static final String ANY_V6 = "::/0";
    /** Capacity units one blocked address costs: one rule per direction, one source and one destination each. */
    static final int UNITS_PER_ADDRESS = 2;

    private final NetworkFirewallClient client;
    private final String ruleGroupArn;
    private final int configuredCapacity;
    private final EnforcementPoint point;
    private final int attempts;

    public NetworkFirewallEnforcer(NetworkFirewallClient client, EnforcementPoint point, String ruleGroupArn,
                                   int configuredCapacity) {
        this(client, point, ruleGroupArn, configuredCapacity, OptimisticWrite.DEFAULT_ATTEMPTS);
    }

    NetworkFirewallEnforcer(NetworkFirewallClient client, EnforcementPoint point, String ruleGroupArn,
                            int configuredCapacity, int attempts) {
        this.client = client;
        this.point = point;
        this.ruleGroupArn = ruleGroupArn;
        this.configuredCapacity = configuredCapacity;
        this.attempts = attempts;
    }

    @Override
    public EnforcementPoint point() {
        return point;
    }

    @Override
    public Set<IpAddress> current() {
        return blocked(describe().ruleGroup());
    }

    @Override
    public int capacity() {
        return capacity(describe());
    }

    @Override
    public void update(Collection<IpAddress> add, Collection<IpAddress> remove) {
        if (add.isEmpty() && remove.isEmpty()) {
            return;
        }
        OptimisticWrite.run(attempts, InvalidTokenException.class::isInstance, () -> {
            DescribeRuleGroupResponse described = describe();
            Set<IpAddress> current = blocked(described.ruleGroup());
            Set<IpAddress> wanted = new TreeSet<>(current);
            wanted.addAll(add);
            wanted.removeAll(remove);
            if (wanted.equals(current) && ownsEveryRule(described.ruleGroup(), current)) {
                return null;
            }
            int room = capacity(described);
            if (wanted.size() > room && wanted.size() > current.size()) {
                throw new CapacityExceededException(point, wanted.size(), room);
            }
            client.updateRuleGroup(b -> b.ruleGroupArn(ruleGroupArn).type(RuleGroupType.STATELESS)
                    .updateToken(described.updateToken())
                    .ruleGroup(ruleGroup(wanted)));
            return null;
        });
    }

    private DescribeRuleGroupResponse describe() {
        return client.describeRuleGroup(b -> b.ruleGroupArn(ruleGroupArn).type(RuleGroupType.STATELESS));
    }

    /** Addresses in the group, at most what the group's and the configured capacity allow. */
    private int capacity(DescribeRuleGroupResponse described) {
        Integer actual = described.ruleGroupResponse().capacity();
        int units = actual == null ? configuredCapacity : Math.min(actual, configuredCapacity);
        return units / UNITS_PER_ADDRESS;
    }

    /** The addresses our drop rules name; an address counts once its rule for either direction is there. */
    static Set<IpAddress> blocked(RuleGroup group) {
        Set<IpAddress> addresses = new TreeSet<>();
        for (StatelessRule rule : rules(group)) {
            ourAddress(rule).ifPresent(addresses::add);
        }
        return addresses;
    }

    private static boolean ownsEveryRule(RuleGroup group, Set<IpAddress> current) {
        List<StatelessRule> rules = rules(group);
        return rules.size() == current.size() * UNITS_PER_ADDRESS && rules.stream().allMatch(r -> ourAddress(r).isPresent());
    }

    private static Optional<IpAddress> ourAddress(StatelessRule rule) {
        if (rule.ruleDefinition() == null || !rule.ruleDefinition().actions().equals(List.of(DROP))) {
            return Optional.empty();
        }
        MatchAttributes match = rule.ruleDefinition().matchAttributes();
        if (match == null || match.sources().size() != 1 || match.destinations().size() != 1
                || !match.sourcePorts().isEmpty() || !match.destinationPorts().isEmpty()
                || !match.protocols().isEmpty() || !match.tcpFlags().isEmpty()) {
            return Optional.empty();
        }
        String source = match.sources().get(0).addressDefinition();
        String destination = match.destinations().get(0).addressDefinition();
        if (isAny(destination)) {
            return HostCidr.address(source);
        }
        if (isAny(source)) {
            return HostCidr.address(destination);
        }
        return Optional.empty();
    }

    private static boolean isAny(String cidr) {
        return ANY_V4.equals(cidr) || ANY_V6.equals(cidr);
    }

    private static List<StatelessRule> rules(RuleGroup group) {
        if (group == null || group.rulesSource() == null || group.rulesSource().statelessRulesAndCustomActions() == null) {
            return List.of();
        }
        return group.rulesSource().statelessRulesAndCustomActions().statelessRules();
    }

    /** The whole group for {@code addresses}, in address order, priorities 1, 2, 3... (lower runs first). */
    static RuleGroup ruleGroup(Set<IpAddress> addresses) {
        List<StatelessRule> rules = new ArrayList<>();
        int priority = 1;
        for (IpAddress ip : addresses) {
            String any = ip.version() == IpAddress.Version.V4 ? ANY_V4 : ANY_V6;
            rules.add(drop(priority++, ip.toCidr(), any));
            rules.add(drop(priority++, any, ip.toCidr()));
        }
        return RuleGroup.builder()
                .rulesSource(s -> s.statelessRulesAndCustomActions(r -> r.statelessRules(rules)))
                .build();
    }

    private static StatelessRule drop(int priority, String source, String destination) {
        return StatelessRule.builder().priority(priority).ruleDefinition(d -> d.actions(DROP)
                        .matchAttributes(m -> m.sources(Address.builder().addressDefinition(source).build())
                                .destinations(Address.builder().addressDefinition(destination).build())))
                .build();
    }
}
