package dev.portcullis.audit;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.portcullis.response.ResponseJson;

/**
 * One ingress permission of a security group with one source range, as a change added it or as the group holds it:
 * protocol (normalised to a name, or -1 for all traffic), port range (null for all traffic), the IPv4 or IPv6 range,
 * and the security group rule's id when the event names it.
 */
record Permission(String protocol, Integer fromPort, Integer toPort, String cidr, String ruleId) {

    Permission {
        protocol = normalise(protocol);
        if (protocol.equals("-1")) {
            fromPort = null;
            toPort = null;
        }
    }

    /** Names for the protocol numbers EC2 also accepts, so "6" and "tcp" compare equal. */
    static String normalise(String protocol) {
        String p = protocol == null ? "-1" : protocol.trim().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "6" -> "tcp";
            case "17" -> "udp";
            case "1" -> "icmp";
            case "58" -> "icmpv6";
            case "all", "-1" -> "-1";
            default -> p;
        };
    }

    boolean ipv6() {
        return cidr != null && cidr.contains(":");
    }

    /** Same protocol, ports and source range (the rule id is not compared: the group's copy has none). */
    boolean sameAccess(Permission other) {
        return protocol.equals(other.protocol) && java.util.Objects.equals(fromPort, other.fromPort)
                && java.util.Objects.equals(toPort, other.toPort) && cidr != null
                && cidr.equalsIgnoreCase(other.cidr);
    }

    /** The permission as an entry of a CloudFormation {@code SecurityGroupIngress} list. */
    ObjectNode toIngress() {
        ObjectNode entry = ResponseJson.mapper().createObjectNode();
        entry.put("IpProtocol", protocol);
        if (fromPort != null) {
            entry.put("FromPort", fromPort);
        }
        if (toPort != null) {
            entry.put("ToPort", toPort);
        }
        entry.put(ipv6() ? "CidrIpv6" : "CidrIp", cidr);
        return entry;
    }

    /** Reads an entry of a CloudFormation {@code SecurityGroupIngress} list; null when it has no source range. */
    static Permission ofIngress(JsonNode entry) {
        String cidr = entry.hasNonNull("CidrIp") ? entry.get("CidrIp").asText()
                : entry.hasNonNull("CidrIpv6") ? entry.get("CidrIpv6").asText() : null;
        if (cidr == null) {
            return null;
        }
        return new Permission(entry.path("IpProtocol").asText("-1"), integer(entry.get("FromPort")),
                integer(entry.get("ToPort")), cidr, null);
    }

    static Integer integer(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asInt();
        }
        String text = value.asText().trim();
        return text.matches("-?\\d{1,9}") ? Integer.valueOf(text) : null;
    }
}
