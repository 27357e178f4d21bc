package dev.portcullis.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fn::Cidr arithmetic against subnets worked out by hand. */
class CidrBlocksTest {

    @Test
    void ipv4SubnetsOfAClassCBlock() {
        // /24 into /27s (5 host bits): steps of 32 in the last octet.
        assertEquals(List.of("192.168.0.0/27", "192.168.0.32/27", "192.168.0.64/27", "192.168.0.96/27",
                "192.168.0.128/27", "192.168.0.160/27"), CidrBlocks.subnets("192.168.0.0/24", 6, 5));
    }

    @Test
    void ipv4HostBitsOfTheBlockAreIgnored() {
        // 10.0.5.7/16 has network 10.0.0.0.
        assertEquals(List.of("10.0.0.0/24", "10.0.1.0/24"), CidrBlocks.subnets("10.0.5.7/16", 2, 8));
    }

    @Test
    void ipv4WholeBlockAndSingleAddresses() {
        assertEquals(List.of("10.1.2.0/24"), CidrBlocks.subnets("10.1.2.0/24", 1, 8));
        // One host bit: /31 pairs, steps of 2.
        assertEquals(List.of("10.1.2.0/31", "10.1.2.2/31", "10.1.2.4/31"), CidrBlocks.subnets("10.1.2.0/24", 3, 1));
        // 128 /31s fill the /24; the 128th starts at 2 * 127 = 254.
        List<String> pairs = CidrBlocks.subnets("10.0.0.0/24", 128, 1);
        assertEquals("10.0.0.254/31", pairs.get(127));
    }

    @Test
    void ipv6SubnetsOfA56() {
        assertEquals(List.of("2001:db8:1234::/64", "2001:db8:1234:1::/64", "2001:db8:1234:2::/64"),
                CidrBlocks.subnets("2001:db8:1234::/56", 3, 64));
    }

    @Test
    void ipv6SplitOfA8IntoTwo9s() {
        // Adding 1 << 119 sets the 9th-highest bit: the first group goes from fd00 to fd80.
        assertEquals(List.of("fd00::/9", "fd80::/9"), CidrBlocks.subnets("fd00::/8", 2, 119));
    }

    @Test
    void ipv6FormattingFollowsRfc5952() {
        assertEquals("::", CidrBlocks.formatV6(BigInteger.ZERO));
        assertEquals("::1", CidrBlocks.formatV6(BigInteger.ONE));
        assertEquals("2001:db8::1:0:0:1", CidrBlocks.formatV6(CidrBlocks.parseV6("2001:0db8:0:0:1:0:0:1")));
        assertEquals("2001:db8:0:1:1:1:1:1", CidrBlocks.formatV6(CidrBlocks.parseV6("2001:db8:0:1:1:1:1:1")));
        assertEquals("::ffff:c000:201", CidrBlocks.formatV6(CidrBlocks.parseV6("::ffff:192.0.2.1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0/24", "10.0.0.256/24", "10.0.0.0/40", "1:2:3/64", "1::2::3/64",
            "gggg::/64", "10.0.0.0/x"})
    void malformedBlocksAreRejected(String block) {
        assertThrows(IllegalArgumentException.class, () -> CidrBlocks.subnets(block, 1, 1));
    }

    @Test
    void subnetsThatDoNotFitAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CidrBlocks.subnets("10.0.0.0/24", 2, 8));
        assertThrows(IllegalArgumentException.class, () -> CidrBlocks.subnets("10.0.0.0/24", 1, 9));
        assertThrows(IllegalArgumentException.class, () -> CidrBlocks.subnets("10.0.0.0/16", 0, 8));
        assertThrows(IllegalArgumentException.class, () -> CidrBlocks.subnets("10.0.0.0/16", 257, 1));
    }
}
