package dev.portcullis.checks.network;

import java.util.Locale;

import dev.portcullis.checks.values.Answer;
import dev.portcullis.resolve.Value;

/**
 * The TCP/UDP ports a security group rule or network ACL entry lets through: a range, none (ICMP and other
 * protocols without ports), or not determined by the template ({@code undetermined} says why).
 */
public record OpenPorts(PortRange range, String undetermined) {

    public static final OpenPorts NONE = new OpenPorts(null, null);
    public static final OpenPorts ALL = new OpenPorts(PortRange.ALL, null);

    public static OpenPorts undetermined(String reason) {
        return new OpenPorts(null, reason);
    }

    public boolean isDetermined() {
        return undetermined == null;
    }

    /**
     * Ports of a rule with protocol {@code protocol} ({@code -1}/{@code all}, a name or an IANA number) and port
     * bounds {@code from}/{@code to} (either may be absent; {@code -1} means every port).
     */
    public static OpenPorts of(Value protocol, Value from, Value to) {
        if (protocol == null) {
            return NONE;
        }
        if (!(protocol instanceof Value.Scalar p)) {
            return undetermined("the protocol is not determined");
        }
        String name = p.text().trim().toLowerCase(Locale.ROOT);
        if (name.equals("-1") || name.equals("all")) {
            return ALL;
        }
        if (!(name.equals("tcp") || name.equals("udp") || name.equals("6") || name.equals("17"))) {
            return NONE;
        }
        Integer low = port(from);
        Integer high = port(to);
        if ((from != null && low == null) || (to != null && high == null)) {
            return undetermined("the port range is not determined");
        }
        if (low == null && high == null) {
            return ALL;
        }
        int a = low != null ? low : high;
        int b = high != null ? high : low;
        if (a < 0 || b < 0) {
            return ALL;
        }
        return new OpenPorts(new PortRange(a, b), null);
    }

    /** Whether the ports include one of {@code ports}. */
    public Answer includesAny(java.util.Collection<Integer> ports) {
        if (!isDetermined()) {
            return Answer.MAYBE;
        }
        return Answer.of(range != null && range.firstOf(ports) >= 0);
    }

    /** Whether the ports include one that is not in {@code allowed}. */
    public Answer includesOtherThan(java.util.Collection<Integer> allowed) {
        if (!isDetermined()) {
            return Answer.MAYBE;
        }
        return Answer.of(range != null && range.firstOutside(allowed) >= 0);
    }

    /** Whether every port is open. */
    public Answer isAll() {
        if (!isDetermined()) {
            return Answer.MAYBE;
        }
        return Answer.of(range != null && range.isAll());
    }

    /** A number, or null when the value is not a literal whole number. */
    private static Integer port(Value v) {
        if (!(v instanceof Value.Scalar s)) {
            return null;
        }
        try {
            return Integer.valueOf(s.text().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
