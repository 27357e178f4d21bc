package dev.portcullis.checks.network;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.portcullis.catalog.RuleCheck;
import dev.portcullis.catalog.Violations;
import dev.portcullis.checks.values.Answer;
import dev.portcullis.checks.values.Verdicts;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.resolve.Value;

/**
 * {@code network.nacl-open-ports}: an {@code AWS::EC2::NetworkAclEntry} that allows traffic from (or to) the whole
 * internet on one of {@code ports}, or with {@code allPorts} on every port. Reports at the CIDR block; message
 * arguments {@code {port}} ("port 22" or "every port"), {@code {ports}} and {@code {cidr}}.
 */
public final class NaclOpenPorts implements RuleCheck<NaclOpenPorts.Params> {

    /**
     * @param direction {@code ingress} (the default) or {@code egress}
     * @param ports     flag entries that allow one of these ports
     * @param allPorts  flag entries that allow every port
     */
    public record Params(String direction, List<Integer> ports, Boolean allPorts) {
        public Params {
            allPorts = Boolean.TRUE.equals(allPorts);
            if ((ports != null) == allPorts) {
                throw new IllegalArgumentException("give exactly one of ports and allPorts");
            }
            if (direction != null && !direction.equalsIgnoreCase("ingress") && !direction.equalsIgnoreCase("egress")) {
                throw new IllegalArgumentException("direction must be ingress or egress, not '" + direction + "'");
            }
            ports = ports == null ? null : List.copyOf(ports);
        }

        boolean egress() {
            return direction != null && direction.equalsIgnoreCase("egress");
        }
    }

    @Override
    public Class<Params> params() {
        return Params.class;
    }

    @Override
    public void evaluate(ResourceContext context, Params params, Violations out) {
        if (!(context.properties() instanceof Value.Struct props)) {
            return;
        }
        NetworkAclEntry entry = new NetworkAclEntry(props);
        Answer direction = params.egress() ? entry.egress() : entry.egress().not();
        Answer world = Cidrs.isWorld(entry.cidr());
        Answer applies = entry.allows().and(direction).and(world);
        if (applies == Answer.NO) {
            return;
        }
        OpenPorts ports = entry.ports();
        Answer opens = params.allPorts() ? ports.isAll() : ports.includesAny(params.ports());
        Map<String, String> args = new HashMap<>();
        PortRange range = ports.range();
        args.put("ports", range == null ? "" : range.display());
        args.put("port", range == null ? "" : range.isAll() ? "every port"
                : params.ports() != null ? "port " + range.firstOf(params.ports()) : "ports " + range.display());
        args.put("cidr", entry.cidr() instanceof Value.Scalar s ? s.text() : "");
        Value at = entry.cidr() != null ? entry.cidr() : props;
        Verdicts.report(out, applies.and(opens), at, entry.cidrProperty(), args,
                "the entry's action, direction, address range or ports are not determined");
    }
}
