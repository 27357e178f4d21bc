package dev.portcullis.checks.network;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.portcullis.catalog.RuleCheck;
import dev.portcullis.catalog.Violations;
import dev.portcullis.checks.values.Answer;
import dev.portcullis.checks.values.Verdicts;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.resolve.Value;

/**
 * {@code network.world-open-ports}: a security group rule from (or to) the whole internet, {@code 0.0.0.0/0} or
 * {@code ::/0}, whose protocol and port range let through one of {@code ports}, any port outside
 * {@code allowedPorts}, or, with {@code allPorts}, every port. With {@code anySource} the rule's source does not
 * matter (a rule for every protocol is broad whoever it admits). Reports at the CIDR (at the protocol with
 * {@code anySource}); message arguments {@code {port}} ("port 22" or "every port"), {@code {ports}} (the rule's range) and {@code {cidr}}.
 */
public final class WorldOpenPorts implements RuleCheck<WorldOpenPorts.Params> {

    /**
     * @param direction    {@code ingress} (the default) or {@code egress}
     * @param ports        flag rules that open one of these ports
     * @param allowedPorts flag rules that open a port not in this list
     * @param allPorts     flag rules that open every port
     * @param anySource    flag whatever the source or destination, not only the whole internet
     */
    public record Params(String direction, List<Integer> ports, List<Integer> allowedPorts, Boolean allPorts,
                         Boolean anySource) {
        public Params {
            allPorts = Boolean.TRUE.equals(allPorts);
            anySource = Boolean.TRUE.equals(anySource);
            int modes = (ports != null ? 1 : 0) + (allowedPorts != null ? 1 : 0) + (allPorts ? 1 : 0);
            if (modes != 1) {
                throw new IllegalArgumentException("give exactly one of ports, allowedPorts and allPorts");
            }
            ports = ports == null ? null : List.copyOf(ports);
            allowedPorts = allowedPorts == null ? null : List.copyOf(allowedPorts);
            direction(direction);
        }

        SecurityGroupRule.Direction parsedDirection() {
            return direction(direction);
        }

        private static SecurityGroupRule.Direction direction(String text) {
            if (text == null || text.equalsIgnoreCase("ingress")) {
                return SecurityGroupRule.Direction.INGRESS;
            }
            if (text.equalsIgnoreCase("egress")) {
                return SecurityGroupRule.Direction.EGRESS;
            }
            throw new IllegalArgumentException("direction must be ingress or egress, not '" + text + "'");
        }
    }

    @Override
    public Class<Params> params() {
        return Params.class;
    }

    @Override
    public void evaluate(ResourceContext context, Params params, Violations out) {
        List<SecurityGroupRule> rules = SecurityGroupRule.of(context.resource().type(), context.properties(),
                params.parsedDirection());
        for (SecurityGroupRule rule : rules) {
            if (!rule.isDetermined()) {
                out.unknown(rule.value(), rule.path(), "the security group rule is not determined");
                continue;
            }
            String cidrName = rule.field("CidrIp") != null ? "CidrIp" : "CidrIpv6";
            Value cidr = rule.field(cidrName);
            Answer source = params.anySource() ? Answer.YES : Cidrs.isWorld(cidr);
            if (source == Answer.NO) {
                continue;
            }
            OpenPorts ports = rule.ports();
            Answer opens = opens(ports, params);
            Map<String, String> args = new HashMap<>();
            args.put("port", port(ports, params));
            args.put("ports", ports.range() == null ? "" : ports.range().display());
            args.put("cidr", cidr instanceof Value.Scalar s ? s.text() : "any source");
            Value at = params.anySource() || cidr == null ? rule.field("IpProtocol") : cidr;
            String atPath = params.anySource() || cidr == null ? rule.pathOf("IpProtocol") : rule.pathOf(cidrName);
            Verdicts.report(out, source.and(opens), at != null ? at : rule.value(), atPath, args,
                    ports.isDetermined() ? "the source address range is not determined" : ports.undetermined());
        }
    }

    private static Answer opens(OpenPorts ports, Params params) {
        if (params.allPorts()) {
            return ports.isAll();
        }
        if (params.ports() != null) {
            return ports.includesAny(params.ports());
        }
        return ports.includesOtherThan(Set.copyOf(params.allowedPorts()));
    }

    /** The port the message names: the first listed one the rule opens, or "all ports". */
    private static String port(OpenPorts ports, Params params) {
        PortRange range = ports.range();
        if (range == null) {
            return "";
        }
        if (range.isAll()) {
            return "every port";
        }
        int p = params.ports() != null ? range.firstOf(params.ports())
                : params.allowedPorts() != null ? range.firstOutside(Set.copyOf(params.allowedPorts())) : range.from();
        return "port " + p;
    }
}
