package dev.portcullis.checks.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpBlockTest {

    @Test
    void onlyAZeroPrefixIsTheWholeInternet() {
        assertTrue(IpBlock.parse("0.0.0.0/0").isWorld());
        assertTrue(IpBlock.parse("::/0").isWorld());
        assertTrue(IpBlock.parse("192.168.1.0/0").isWorld(), "host bits do not narrow a /0");
        assertFalse(IpBlock.parse("0.0.0.0/1").isWorld());
        assertFalse(IpBlock.parse("128.0.0.0/1").isWorld());
        assertFalse(IpBlock.parse("::/1").isWorld());
        assertFalse(IpBlock.parse("10.0.0.0/8").isWorld());
    }

    @Test
    void sizesAndContainment() {
        assertEquals(BigInteger.ONE.shiftLeft(31), IpBlock.parse("0.0.0.0/1").size());
        assertEquals(BigInteger.ONE, IpBlock.parse("203.0.113.7/32").size());
        IpBlock ten = IpBlock.parse("10.0.0.0/8");
        assertTrue(ten.contains(IpBlock.parse("10.20.30.0/24")));
        assertTrue(ten.contains(IpBlock.parse("10.255.255.255/32")));
        assertFalse(ten.contains(IpBlock.parse("11.0.0.0/24")));
        assertFalse(IpBlock.parse("10.20.30.0/24").contains(ten), "a smaller block does not hold a larger one");
        assertFalse(ten.contains(IpBlock.parse("::/0")), "families do not mix");
        assertTrue(IpBlock.parse("0.0.0.0/0").contains(IpBlock.parse("198.51.100.0/24")));
    }

    @Test
    void ipv6NotationsParseToTheSameNumber() {
        IpBlock full = IpBlock.parse("2001:0db8:0000:0000:0000:0000:0000:0000/32");
        IpBlock compressed = IpBlock.parse("2001:db8::/32");
        assertEquals(full, compressed);
        assertTrue(compressed.contains(IpBlock.parse("2001:db8:1:2::/64")));
        assertFalse(compressed.contains(IpBlock.parse("2001:db9::/48")));
        IpBlock mapped = IpBlock.parse("::ffff:192.0.2.1/128");
        assertNotNull(mapped);
        assertEquals(new BigInteger("ffffc0000201", 16), mapped.network());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.0", "10.0.0/8", "10.0.0.256/8", "10.0.0.0/33", "::/129", "1::2::3/64",
            "10.0.0.0/-1", "10.0.0.0/ 8", "abc/8", "1:2:3:4:5:6:7:8:9/64", "12345::/16", "10.0.0.0/8/8"})
    void rejectsWhatIsNotACidrBlock(String text) {
        assertNull(IpBlock.parse(text));
    }
}
