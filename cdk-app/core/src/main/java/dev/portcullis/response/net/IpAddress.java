package dev.portcullis.response.net;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address parsed from literal text only. Parsing is done here rather than with
 * {@code InetAddress.getByName}, which would resolve anything that is not a literal through DNS: event data is
 * attacker-influenced, so a field such as {@code "evil.example"} must be rejected, never looked up.
 * IPv4-mapped IPv6 addresses ({@code ::ffff:198.51.100.7}) become the IPv4 address they carry, so the allow-list
 * and the private ranges apply to them too. {@link #toString()} is the canonical text (RFC 5952 for IPv6).
 */
public final class IpAddress implements Comparable<IpAddress> {

    /** Address family. */
    public enum Version { V4, V6 }

    private static final Pattern IPV4 = Pattern.compile(
            "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");
    private static final int MAX_TEXT = 45;

    private final byte[] bytes;

    private IpAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Parses literal IPv4 or IPv6 text; empty when the text is anything else (hostnames, zones, prefixes). */
    public static Optional<IpAddress> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_TEXT) {
            return Optional.empty();
        }
        if (IPV4.matcher(text).matches()) {
            return Optional.of(new IpAddress(ipv4Bytes(text)));
        }
        if (text.indexOf(':') >= 0) {
            return parseIpv6(text).map(IpAddress::unmapped);
        }
        return Optional.empty();
    }

    /** Like {@link #parse} but for trusted callers: throws {@link IllegalArgumentException} on bad text. */
    @JsonCreator
    public static IpAddress of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an IP address: " + text));
    }

    /** An address from its 4 or 16 network-order bytes. */
    public static IpAddress fromBytes(byte[] raw) {
        if (raw.length != 4 && raw.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + raw.length);
        }
        return unmapped(new IpAddress(raw.clone()));
    }

    public Version version() {
        return bytes.length == 4 ? Version.V4 : Version.V6;
    }

    /** Network-order bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Number of bits: 32 or 128. */
    public int bitLength() {
        return bytes.length * 8;
    }

    /** The single-address CIDR that enforcers write: {@code 198.51.100.7/32} or {@code 2001:db8::1/128}. */
    public String toCidr() {
        return this + "/" + bitLength();
    }

    /** Canonical text: dotted quad, or RFC 5952 (lower case, longest zero run compressed) for IPv6. */
    @JsonValue
    @Override
    public String toString() {
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952: a single zero group is not compressed
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpAddress address && Arrays.equals(bytes, address.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** IPv4 before IPv6, then numeric order. */
    @Override
    public int compareTo(IpAddress other) {
        if (bytes.length != other.bytes.length) {
            return Integer.compare(bytes.length, other.bytes.length);
        }
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    private static byte[] ipv4Bytes(String text) {
        String[] parts = text.split("\\.");
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            out[i] = (byte) Integer.parseInt(parts[i]);
        }
        return out;
    }

    private static Optional<IpAddress> parseIpv6(String text) {
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return Optional.empty();
        }
        String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        byte[] headBytes = groupsToBytes(head, doubleColon < 0);
        byte[] tailBytes = groupsToBytes(tail, true);
        if (headBytes == null || tailBytes == null) {
            return Optional.empty();
        }
        int total = headBytes.length + tailBytes.length;
        if (doubleColon < 0 ? total != 16 : total > 14) {
            return Optional.empty();
        }
        byte[] out = new byte[16];
        System.arraycopy(headBytes, 0, out, 0, headBytes.length);
        System.arraycopy(tailBytes, 0, out, 16 - tailBytes.length, tailBytes.length);
        return Optional.of(new IpAddress(out));
    }

    /** Colon-separated hex groups; the last one may be a dotted IPv4 when {@code mayEndWithIpv4}. Null if bad. */
    private static byte[] groupsToBytes(String part, boolean mayEndWithIpv4) {
        if (part.isEmpty()) {
            return new byte[0];
        }
        String[] groups = part.split(":", -1);
        byte[] out = new byte[groups.length * 2 + 2];
        int length = 0;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (i == groups.length - 1 && mayEndWithIpv4 && group.indexOf('.') >= 0) {
                if (!IPV4.matcher(group).matches()) {
                    return null;
                }
                System.arraycopy(ipv4Bytes(group), 0, out, length, 4);
                length += 4;
            } else if (HEX_GROUP.matcher(group).matches()) {
                int value = Integer.parseInt(group, 16);
                out[length++] = (byte) (value >>> 8);
                out[length++] = (byte) value;
            } else {
                return null;
            }
        }
        return Arrays.copyOf(out, length);
    }

    private static IpAddress unmapped(IpAddress address) {
        byte[] b = address.bytes;
        if (b.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return address;
            }
        }
        if ((b[10] & 0xff) != 0xff || (b[11] & 0xff) != 0xff) {
            return address;
        }
        return new IpAddress(Arrays.copyOfRange(b, 12, 16));
    }
}
