package dev.portcullis.response.net;

import java.util.List;
import java.util.Optional;

/**
 * Address ranges that cannot be the source of an internet attack, so blocking them could only hurt us: private,
 * shared (carrier-grade NAT), loopback, link-local, multicast, unspecified and reserved space. Documentation ranges
 * (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) are deliberately absent: they are what fixtures and
 * examples use for attackers.
 */
public final class NonInternetRanges {

    /** A range with the name used in skip reasons. */
    public record NamedRange(Cidr cidr, String name) {
    }

    private static final List<NamedRange> RANGES = List.of(
            range("0.0.0.0/8", "unspecified / this network"),
            range("10.0.0.0/8", "private (RFC 1918)"),
            range("100.64.0.0/10", "shared address space (RFC 6598)"),
            range("127.0.0.0/8", "loopback"),
            range("169.254.0.0/16", "link-local"),
            range("172.16.0.0/12", "private (RFC 1918)"),
            range("192.168.0.0/16", "private (RFC 1918)"),
            range("224.0.0.0/4", "multicast"),
            range("240.0.0.0/4", "reserved / broadcast"),
            range("::/128", "unspecified"),
            range("::1/128", "loopback"),
            range("fc00::/7", "unique local (RFC 4193)"),
            range("fe80::/10", "link-local"),
            range("ff00::/8", "multicast"));

    private NonInternetRanges() {
    }

    /** The first non-internet range holding the address, or empty for an address that can be on the internet. */
    public static Optional<NamedRange> classify(IpAddress address) {
        return RANGES.stream().filter(r -> r.cidr().contains(address)).findFirst();
    }

    public static List<NamedRange> all() {
        return RANGES;
    }

    private static NamedRange range(String cidr, String name) {
        return new NamedRange(Cidr.parse(cidr), name);
    }
}
