package dev.portcullis.checks.relations;

import java.math.BigInteger;
import java.util.Map;

import dev.portcullis.catalog.NoParams;
import dev.portcullis.catalog.RuleCheck;
import dev.portcullis.catalog.Violations;
import dev.portcullis.checks.network.IpBlock;
import dev.portcullis.checks.network.NetworkAclEntry;
import dev.portcullis.checks.network.OpenPorts;
import dev.portcullis.checks.values.Answer;
import dev.portcullis.checks.values.PartialText;
import dev.portcullis.checks.values.Sources;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.model.Resource;
import dev.portcullis.resolve.Value;

/**
 * {@code relations.nacl-deny-shadowed}: a network ACL deny entry that never takes effect, because an allow entry
 * of the same ACL and direction with a lower rule number matches all of its traffic first (its CIDR block holds the
 * deny's block, its protocol and ports cover the deny's). Whoever wrote the deny meant to block something; it
 * blocks nothing. Reports at the deny entry's rule number; message arguments {@code {allow}} (the allow entry's
 * logical id) and {@code {number}} (its rule number).
 */
public final class NaclDenyShadowed implements RuleCheck<NoParams> {

    private static final String ENTRY = "AWS::EC2::NetworkAclEntry";

    @Override
    public Class<NoParams> params() {
        return NoParams.class;
    }

    @Override
    public void evaluate(ResourceContext context, NoParams params, Violations out) {
        if (!(context.properties() instanceof Value.Struct props)) {
            return;
        }
        NetworkAclEntry deny = new NetworkAclEntry(props);
        if (deny.allows() != Answer.NO || deny.action() == null) {
            return;
        }
        Integer denyNumber = number(deny.ruleNumber());
        IpBlock denyBlock = block(deny.cidr());
        OpenPorts denyPorts = deny.ports();
        if (denyNumber == null || denyBlock == null || !denyPorts.isDetermined()) {
            return;
        }
        Sources sources = Sources.of(context);
        String acl = PartialText.of(deny.networkAclId(), sources).display();
        for (Resource other : context.resourcesOfType(ENTRY)) {
            if (other == context.resource() || !context.exists(other)
                    || !(context.propertiesOf(other) instanceof Value.Struct otherProps)) {
                continue;
            }
            NetworkAclEntry allow = new NetworkAclEntry(otherProps);
            Integer allowNumber = number(allow.ruleNumber());
            IpBlock allowBlock = block(allow.cidr());
            if (allow.allows() != Answer.YES || allowNumber == null || allowNumber >= denyNumber
                    || allowBlock == null || allow.egress() != deny.egress() || deny.egress() == Answer.MAYBE
                    || !acl.equals(PartialText.of(allow.networkAclId(), Sources.of(context, other)).display())
                    || !allowBlock.contains(denyBlock) || !covers(allow, deny)) {
                continue;
            }
            out.fail(deny.ruleNumber(), "RuleNumber", Map.of("allow", other.logicalId(), "number",
                    Integer.toString(allowNumber)));
            return;
        }
    }

    /** Does the allow entry's protocol and port range take all of the deny entry's traffic? */
    private static boolean covers(NetworkAclEntry allow, NetworkAclEntry deny) {
        String allowProtocol = protocol(allow);
        String denyProtocol = protocol(deny);
        if (allowProtocol == null || denyProtocol == null) {
            return false;
        }
        if (allowProtocol.equals("-1")) {
            return true;
        }
        if (!allowProtocol.equals(denyProtocol)) {
            return false;
        }
        OpenPorts a = allow.ports();
        OpenPorts d = deny.ports();
        if (!a.isDetermined()) {
            return false;
        }
        if (a.range() == null) {
            // A protocol without ports (ICMP): the same protocol is all of it, ICMP types aside.
            return d.range() == null;
        }
        return d.range() != null && a.range().from() <= d.range().from() && d.range().to() <= a.range().to();
    }

    private static String protocol(NetworkAclEntry entry) {
        Value p = entry.properties().get("Protocol");
        return p instanceof Value.Scalar s ? s.text().trim() : null;
    }

    private static Integer number(Value v) {
        if (v instanceof Value.Scalar s) {
            try {
                return new BigInteger(s.text().trim()).intValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                return null;
            }
        }
        return null;
    }

    private static IpBlock block(Value v) {
        return v instanceof Value.Scalar s ? IpBlock.parse(s.text()) : null;
    }
}
