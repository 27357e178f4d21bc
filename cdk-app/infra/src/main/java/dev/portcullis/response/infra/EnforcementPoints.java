package dev.portcullis.response.infra;

import dev.portcullis.response.config.Backend;
import dev.portcullis.response.config.ResponseConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.networkfirewall.CfnRuleGroup;
import software.amazon.awscdk.services.wafv2.CfnIPSet;
import software.constructs.Construct;

/**
 * Where blocks are enforced, one set of resources per configured backend: a stateless Network Firewall rule group,
 * a pair of WAFv2 IP sets (one per address family), or permission to edit existing network ACLs. The resources start
 * empty; the enforcing functions own their contents from then on, so a stack update never rewrites them (their
 * definitions in the template do not change) and reconciliation repairs any drift.
 */
public final class EnforcementPoints extends Construct {

    private final Optional<CfnRuleGroup> ruleGroup;
    private final Optional<CfnIPSet> ipv4Set;
    private final Optional<CfnIPSet> ipv6Set;
    private final boolean nacl;
    private final String wafScope;

    public EnforcementPoints(Construct scope, String id, ResponseConfig config) {
        super(scope, id);
        List<Backend> backends = config.backends();
        String prefix = Stack.of(this).getStackName();
        this.wafScope = config.waf().scope();
        this.ruleGroup = backends.contains(Backend.NETWORK_FIREWALL)
                // The capacity is part of the name: a capacity change replaces the group, and CloudFormation can
                // replace a named resource only under a new name.
                ? Optional.of(ruleGroup(prefix + "-blocked-ips-" + config.ruleGroupCapacity(),
                        config.ruleGroupCapacity()))
                : Optional.empty();
        this.ipv4Set = backends.contains(Backend.WAF)
                ? Optional.of(ipSet("BlockedIpv4", prefix + "-blocked-ipv4", "IPV4"))
                : Optional.empty();
        this.ipv6Set = backends.contains(Backend.WAF)
                ? Optional.of(ipSet("BlockedIpv6", prefix + "-blocked-ipv6", "IPV6"))
                : Optional.empty();
        this.nacl = backends.contains(Backend.NACL);
    }

    private CfnRuleGroup ruleGroup(String name, int capacity) {
        return CfnRuleGroup.Builder.create(this, "BlockedIpRuleGroup")
                .ruleGroupName(name)
                .type("STATELESS")
                // Capacity cannot change after creation; the enforcer checks it before every write.
                .capacity(capacity)
                .description("Drops traffic to and from IPs blocked by the Portcullis response stack")
                .ruleGroup(CfnRuleGroup.RuleGroupProperty.builder()
                        .rulesSource(CfnRuleGroup.RulesSourceProperty.builder()
                                .statelessRulesAndCustomActions(
                                        CfnRuleGroup.StatelessRulesAndCustomActionsProperty.builder()
                                                .statelessRules(List.of())
                                                .build())
                                .build())
                        .build())
                .build();
    }

    private CfnIPSet ipSet(String id, String name, String family) {
        return CfnIPSet.Builder.create(this, id)
                .name(name)
                .scope(wafScope)
                .ipAddressVersion(family)
                .addresses(List.of())
                .description(family + " addresses blocked by the Portcullis response stack")
                .build();
    }

    public Optional<CfnRuleGroup> ruleGroup() {
        return ruleGroup;
    }

    public Optional<CfnIPSet> ipv4Set() {
        return ipv4Set;
    }

    public Optional<CfnIPSet> ipv6Set() {
        return ipv6Set;
    }

    /** Read and write access, each action scoped to this stack's rule group and IP sets. */
    public void grantEnforce(IGrantable grantee) {
        ruleGroup.ifPresent(group -> allow(grantee,
                List.of("network-firewall:DescribeRuleGroup", "network-firewall:UpdateRuleGroup"),
                List.of(group.getAttrRuleGroupArn())));
        if (ipv4Set.isPresent()) {
            allow(grantee, List.of("wafv2:GetIPSet", "wafv2:UpdateIPSet"), ipSetArns());
        }
        if (nacl) {
            // The NACLs are the users' own, found at run time from the attacked instance's subnet, so the entry
            // actions are scoped to network ACLs of this account and region rather than to named ones.
            allow(grantee, List.of("ec2:CreateNetworkAclEntry", "ec2:DeleteNetworkAclEntry"),
                    List.of(networkAclArns()));
            grantLocate(grantee);
        }
    }

    /**
     * Finding a block's enforcement point: with the NACL backend, the ACL of the attacked instance's subnet (EC2
     * Describe* calls support no resource-level permissions: "*" is the only resource AWS accepts). The other
     * backends have one point each and need nothing.
     */
    public void grantLocate(IGrantable grantee) {
        if (nacl) {
            allow(grantee, List.of("ec2:DescribeNetworkAcls", "ec2:DescribeInstances"), List.of("*"));
        }
    }

    /** The environment variables that tell a function where the enforcement points are. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        ruleGroup.ifPresent(group -> env.put(FunctionEnvironment.RULE_GROUP_ARN, group.getAttrRuleGroupArn()));
        ipv4Set.ifPresent(set -> env.put(FunctionEnvironment.WAF_IPV4_SET, set.getName() + "|" + set.getAttrId()));
        ipv6Set.ifPresent(set -> env.put(FunctionEnvironment.WAF_IPV6_SET, set.getName() + "|" + set.getAttrId()));
        return env;
    }

    private List<String> ipSetArns() {
        return List.of(ipv4Set.orElseThrow().getAttrArn(), ipv6Set.orElseThrow().getAttrArn());
    }

    private String networkAclArns() {
        return Stack.of(this).formatArn(ArnComponents.builder()
                .service("ec2").resource("network-acl").resourceName("*").build());
    }

    private static void allow(IGrantable grantee, List<String> actions, List<String> resources) {
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(actions)
                .resourceArns(resources)
                .build());
    }
}
