package dev.portcullis.checks.network;

import java.util.ArrayList;
import java.util.List;

import dev.portcullis.resolve.Value;

/**
 * One ingress or egress rule of a security group: written inline in {@code AWS::EC2::SecurityGroup}
 * ({@code SecurityGroupIngress[*]}, {@code SecurityGroupEgress[*]}) or as a standalone
 * {@code AWS::EC2::SecurityGroupIngress}/{@code Egress} resource. {@code path} is the rule's path below
 * {@code Properties} (empty for a standalone rule); {@code value} is the rule, or an undetermined value when a
 * condition no scenario fixes chooses it.
 */
public record SecurityGroupRule(Value value, String path) {

    /** Traffic direction. */
    public enum Direction { INGRESS, EGRESS }

    /** The rules of one direction in a resource's evaluated properties. */
    public static List<SecurityGroupRule> of(String type, Value properties, Direction direction) {
        if (!(properties instanceof Value.Struct props)) {
            return List.of();
        }
        String standalone = direction == Direction.INGRESS ? "AWS::EC2::SecurityGroupIngress"
                : "AWS::EC2::SecurityGroupEgress";
        if (type.equals(standalone)) {
            return List.of(new SecurityGroupRule(props, ""));
        }
        if (!type.equals("AWS::EC2::SecurityGroup")) {
            return List.of();
        }
        String list = direction == Direction.INGRESS ? "SecurityGroupIngress" : "SecurityGroupEgress";
        Value rules = props.get(list);
        if (rules instanceof Value.Unknown) {
            return List.of(new SecurityGroupRule(rules, list));
        }
        if (!(rules instanceof Value.Seq seq)) {
            return List.of();
        }
        List<SecurityGroupRule> out = new ArrayList<>(seq.items().size());
        for (int i = 0; i < seq.items().size(); i++) {
            out.add(new SecurityGroupRule(seq.items().get(i), list + "/" + i));
        }
        return out;
    }

    public boolean isDetermined() {
        return value instanceof Value.Struct;
    }

    public Value field(String name) {
        return value instanceof Value.Struct s ? s.get(name) : null;
    }

    public String pathOf(String name) {
        return path.isEmpty() ? name : path + "/" + name;
    }

    public OpenPorts ports() {
        return OpenPorts.of(field("IpProtocol"), field("FromPort"), field("ToPort"));
    }
}
