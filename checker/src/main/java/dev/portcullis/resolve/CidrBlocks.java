package dev.portcullis.resolve;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The arithmetic of {@code Fn::Cidr}: split an IPv4 or IPv6 block into {@code count} consecutive subnets
 * with {@code hostBits} host bits each, starting at the block's network address. Addresses are parsed here,
 * never with {@code InetAddress}, which may do a DNS lookup on text that is not a literal address.
 */
final class CidrBlocks {

    private CidrBlocks() {
    }

    /** @throws IllegalArgumentException with a message for the user when the arguments do not fit */
    static List<String> subnets(String block, int count, int hostBits) {
        int slash = block.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + block + "' is not a CIDR block");
        }
        String address = block.substring(0, slash).trim();
        boolean v6 = address.contains(":");
        int width = v6 ? 128 : 32;
        int prefix;
        try {
            prefix = Integer.parseInt(block.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + block + "' has no valid prefix length");
        }
        if (prefix < 0 || prefix > width) {
            throw new IllegalArgumentException("'" + block + "' has a prefix length outside 0-" + width);
        }
        if (count < 1 || count > 256) {
            throw new IllegalArgumentException("the count " + count + " is outside 1-256");
        }
        if (hostBits < 1 || hostBits > width) {
            throw new IllegalArgumentException("the subnet size " + hostBits + " bits is outside 1-" + width);
        }
        int subnetPrefix = width - hostBits;
        if (subnetPrefix < prefix) {
            throw new IllegalArgumentException("subnets of /" + subnetPrefix + " do not fit in '" + block + "'");
        }
        if (subnetPrefix - prefix < 9 && count > (1 << (subnetPrefix - prefix))) {
            throw new IllegalArgumentException(count + " subnets of /" + subnetPrefix + " do not fit in '" + block + "'");
        }
        BigInteger value = v6 ? parseV6(address) : parseV4(address);
        BigInteger network = value.shiftRight(width - prefix).shiftLeft(width - prefix);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BigInteger subnet = network.add(BigInteger.valueOf(i).shiftLeft(hostBits));
            out.add((v6 ? formatV6(subnet) : formatV4(subnet)) + "/" + subnetPrefix);
        }
        return out;
    }

    static BigInteger parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
            }
            value = (value << 8) | octet;
        }
        return BigInteger.valueOf(value);
    }

    static BigInteger parseV6(String text) {
        String bad = "'" + text + "' is not an IPv6 address";
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw new IllegalArgumentException(bad);
        }
        List<Integer> head = groups(gap >= 0 ? text.substring(0, gap) : text, bad);
        List<Integer> tail = gap >= 0 ? groups(text.substring(gap + 2), bad) : List.of();
        int missing = 8 - head.size() - tail.size();
        if (gap < 0 ? missing != 0 : missing < 1) {
            throw new IllegalArgumentException(bad);
        }
        BigInteger value = BigInteger.ZERO;
        List<Integer> all = new ArrayList<>(head);
        for (int i = 0; gap >= 0 && i < missing; i++) {
            all.add(0);
        }
        all.addAll(tail);
        for (int g : all) {
            value = value.shiftLeft(16).or(BigInteger.valueOf(g));
        }
        return value;
    }

    /** Colon-separated 16-bit groups; the last may be a dotted IPv4 address (two groups). */
    private static List<Integer> groups(String text, String bad) {
        List<Integer> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        String[] parts = text.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && part.contains(".")) {
                long v4 = parseV4(part).longValue();
                out.add((int) (v4 >>> 16));
                out.add((int) (v4 & 0xffff));
            } else if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException(bad);
            } else {
                out.add(Integer.parseInt(part, 16));
            }
        }
        return out;
    }

    static String formatV4(BigInteger value) {
        long v = value.longValue();
        return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    /** RFC 5952 text: lower-case hex, no leading zeros, the longest run of two or more zero groups as "::". */
    static String formatV6(BigInteger value) {
        int[] g = new int[8];
        for (int i = 7; i >= 0; i--) {
            g[i] = value.intValue() & 0xffff;
            value = value.shiftRight(16);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString();
    }
}
