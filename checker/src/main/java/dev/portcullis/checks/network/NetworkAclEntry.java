package dev.portcullis.checks.network;

import java.util.Locale;

import dev.portcullis.checks.values.Answer;
import dev.portcullis.resolve.Value;

/**
 * The evaluated properties of an {@code AWS::EC2::NetworkAclEntry}, read for what they let through: action,
 * direction, address range and ports.
 */
public record NetworkAclEntry(Value.Struct properties) {

    public Value action() {
        return properties.get("RuleAction");
    }

    /** Is it an allow entry? MAYBE when the action is not determined. */
    public Answer allows() {
        Value action = action();
        if (action instanceof Value.Scalar s) {
            return Answer.of(s.text().trim().equalsIgnoreCase("allow"));
        }
        return action == null ? Answer.NO : Answer.MAYBE;
    }

    /** Is it an egress entry ({@code Egress: true})? Absent means ingress. */
    public Answer egress() {
        Value egress = properties.get("Egress");
        if (egress == null) {
            return Answer.NO;
        }
        if (egress instanceof Value.Scalar s) {
            return Answer.of(s.text().trim().toLowerCase(Locale.ROOT).equals("true"));
        }
        return Answer.MAYBE;
    }

    /** {@code CidrBlock} or {@code Ipv6CidrBlock}, whichever is given. */
    public String cidrProperty() {
        return properties.get("CidrBlock") != null ? "CidrBlock" : "Ipv6CidrBlock";
    }

    public Value cidr() {
        return properties.get(cidrProperty());
    }

    public Value ruleNumber() {
        return properties.get("RuleNumber");
    }

    public Value networkAclId() {
        return properties.get("NetworkAclId");
    }

    public OpenPorts ports() {
        Value range = properties.get("PortRange");
        if (range instanceof Value.Unknown u) {
            return OpenPorts.undetermined("the port range is not determined");
        }
        Value from = range instanceof Value.Struct s ? s.get("From") : null;
        Value to = range instanceof Value.Struct s ? s.get("To") : null;
        return OpenPorts.of(properties.get("Protocol"), from, to);
    }
}
