package dev.portcullis.response.lambda.aws;

import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.port.EnforcementPoint;
import dev.portcullis.response.port.Enforcer;
import dev.portcullis.response.port.Enforcers;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.networkfirewall.NetworkFirewallClient;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

/** Builds the enforcer of an enforcement point from the clients and the identifiers the stack passed in. */
public final class AwsEnforcers implements Enforcers {
    private final ResponseConfig config;
    private final NetworkFirewallClient networkFirewall;
    private final Wafv2Client waf;
    private final Ec2Client ec2;
    private final Optional<String> ruleGroupArn;
    private final Optional<WafIpSetEnforcer.IpSet> ipv4Set;
    private final Optional<WafIpSetEnforcer.IpSet> ipv6Set;

    public AwsEnforcers(ResponseConfig config, NetworkFirewallClient networkFirewall, Wafv2Client waf, Ec2Client ec2,
                        Optional<String> ruleGroupArn, Optional<WafIpSetEnforcer.IpSet> ipv4Set,
                        Optional<WafIpSetEnforcer.IpSet> ipv6Set) {
        this.config = config;
        this.networkFirewall = networkFirewall;
        this.waf = waf;
        this.ec2 = ec2;
        this.ruleGroupArn = ruleGroupArn;
        this.ipv4Set = ipv4Set;
        this.ipv6Set = ipv6Set;
    }

    @Override
    public Enforcer at(EnforcementPoint point) {
        return switch (point.backend()) {
            case NETWORK_FIREWALL -> new NetworkFirewallEnforcer(networkFirewall, point,
                    ruleGroupArn.orElseThrow(() -> missing(point, "rule group ARN")), config.ruleGroupCapacity());
            case WAF -> new WafIpSetEnforcer(waf, point, config.waf().scope(),
                    ipv4Set.orElseThrow(() -> missing(point, "IPv4 IP set")),
                    ipv6Set.orElseThrow(() -> missing(point, "IPv6 IP set")));
            case NACL -> {
                if (point.target().isEmpty()) {
                    throw new IllegalArgumentException("a NACL enforcement point needs the ACL id: " + point.key());
                }
                yield new NetworkAclEnforcer(ec2, point, point.target(), config.nacl());
            }
        };
    }

    private static IllegalStateException missing(EnforcementPoint point, String what) {
        return new IllegalStateException("no " + what + " configured for " + point.key());
    }
}
