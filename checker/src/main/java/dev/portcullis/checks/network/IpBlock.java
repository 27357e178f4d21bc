package dev.portcullis.checks.network;

import java.math.BigInteger;

/**
 * An IPv4 or IPv6 CIDR block, with arithmetic on the address as a number. Parsed here rather than with
 * {@code InetAddress}, which may resolve host names. A block with host bits set ({@code 10.0.0.1/8}) is taken
 * as AWS takes it: the network it falls in.
 */
public record IpBlock(BigInteger network, int prefix, boolean v6) {

    public int width() {
        return v6 ? 128 : 32;
    }

    /** The whole address space of its family: {@code 0.0.0.0/0} or {@code ::/0}. */
    public boolean isWorld() {
        return prefix == 0;
    }

    /** How many addresses the block holds. */
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(width() - prefix);
    }

    /** Whether every address of {@code other} is in this block (both of the same family). */
    public boolean contains(IpBlock other) {
        if (other.v6 != v6 || other.prefix < prefix) {
            return false;
        }
        return other.network.shiftRight(width() - prefix).equals(network.shiftRight(width() - prefix));
    }

    /** Parses {@code a.b.c.d/n} or an IPv6 block; null when the text is not a CIDR block. */
    public static IpBlock parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1) {
            return null;
        }
        String address = t.substring(0, slash);
        String length = t.substring(slash + 1);
        if (length.length() > 3 || !length.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int prefix = Integer.parseInt(length);
        boolean v6 = address.indexOf(':') >= 0;
        BigInteger value = v6 ? parseV6(address) : parseV4(address);
        int width = v6 ? 128 : 32;
        if (value == null || prefix > width) {
            return null;
        }
        BigInteger network = value.shiftRight(width - prefix).shiftLeft(width - prefix);
        return new IpBlock(network, prefix, v6);
    }

    static BigInteger parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return null;
            }
            value = (value << 8) | octet;
        }
        return BigInteger.valueOf(value);
    }

    static BigInteger parseV6(String text) {
        String head = text;
        String tail = "";
        int gap = text.indexOf("::");
        if (gap >= 0) {
            if (text.indexOf("::", gap + 1) >= 0) {
                return null;
            }
            head = text.substring(0, gap);
            tail = text.substring(gap + 2);
        }
        BigInteger[] headGroups = groups(head);
        BigInteger[] tailGroups = groups(tail);
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int count = headGroups.length + tailGroups.length;
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        BigInteger value = BigInteger.ZERO;
        for (BigInteger g : headGroups) {
            value = value.shiftLeft(16).or(g);
        }
        value = value.shiftLeft(16 * (8 - count));
        for (BigInteger g : tailGroups) {
            value = value.shiftLeft(16).or(g);
        }
        return value;
    }

    /** 16-bit groups of one side of {@code ::}; a trailing dotted IPv4 address counts as two groups. */
    private static BigInteger[] groups(String text) {
        if (text.isEmpty()) {
            return new BigInteger[0];
        }
        String[] parts = text.split(":", -1);
        boolean dotted = parts[parts.length - 1].indexOf('.') >= 0;
        BigInteger[] out = new BigInteger[parts.length + (dotted ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (dotted && i == parts.length - 1) {
                BigInteger v4 = parseV4(p);
                if (v4 == null) {
                    return null;
                }
                out[i] = v4.shiftRight(16);
                out[i + 1] = v4.and(BigInteger.valueOf(0xffff));
                break;
            }
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null;
            }
            out[i] = new BigInteger(p, 16);
        }
        return out;
    }

    @Override
    public String toString() {
        return (v6 ? network.toString(16) : network.toString()) + "/" + prefix;
    }
}
