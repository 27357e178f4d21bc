package dev.portcullis.response.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpAddressTest {

    @ParameterizedTest
    @CsvSource({
            "198.51.100.7, 198.51.100.7, V4",
            "0.0.0.0, 0.0.0.0, V4",
            "255.255.255.255, 255.255.255.255, V4",
            "2001:db8::1, 2001:db8::1, V6",
            "2001:DB8:0:0:8:800:200C:417A, 2001:db8::8:800:200c:417a, V6",
            "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1, V6",
            "::, ::, V6",
            "::1, ::1, V6",
            "1::, 1::, V6",
            "fe80::, fe80::, V6",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1, V6",
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1, V6",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1, V6",
            "::ffff:198.51.100.7, 198.51.100.7, V4",
            "::FFFF:10.1.2.3, 10.1.2.3, V4",
            "64:ff9b::192.0.2.33, 64:ff9b::c000:221, V6",
            "::192.0.2.1, ::c000:201, V6"})
    void parsesLiteralsToCanonicalText(String text, String canonical, IpAddress.Version version) {
        IpAddress address = IpAddress.parse(text).orElseThrow();
        assertEquals(canonical, address.toString());
        assertEquals(version, address.version());
        assertEquals(address, IpAddress.of(canonical), "canonical text parses back to the same address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "localhost", "attacker.example.com", "example.com", "1.2.3", "1.2.3.4.5",
            "256.1.1.1", "01.2.3.4", "1.2.3.04", "1.2.3.4 ", " 1.2.3.4", "1.2.3.4/32", "-1.2.3.4", "1.2.3.-4",
            "0x7f.0.0.1", "2130706433", "12345", "2001:db8::zz", "2001:db8:::1", "2001::db8::1", ":::",
            "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7::8:9", "fe80::1%eth0", "12345::1", "[::1]",
            "1.2.3.4::", "::1.2.3", "::1.2.3.256", ":1::", "1:", ":", "\u0661.2.3.4"})
    void rejectsAnythingButALiteral(String text) {
        assertTrue(IpAddress.parse(text).isEmpty(), text);
        assertThrows(IllegalArgumentException.class, () -> IpAddress.of(text));
    }

    @Test
    void rejectsNullAndOverlongText() {
        assertTrue(IpAddress.parse(null).isEmpty());
        assertTrue(IpAddress.parse("1".repeat(46)).isEmpty());
    }

    @Test
    void singleAddressCidrForEnforcers() {
        assertEquals("198.51.100.7/32", IpAddress.of("198.51.100.7").toCidr());
        assertEquals("2001:db8::1/128", IpAddress.of("2001:db8::1").toCidr());
    }

    @Test
    void ordersIpv4BeforeIpv6ThenNumerically() {
        assertTrue(IpAddress.of("9.0.0.0").compareTo(IpAddress.of("10.0.0.0")) < 0);
        assertTrue(IpAddress.of("255.255.255.255").compareTo(IpAddress.of("::")) < 0);
        assertTrue(IpAddress.of("2001:db8::2").compareTo(IpAddress.of("2001:db8::10")) < 0);
    }

    @Test
    void bytesRoundTrip() {
        IpAddress address = IpAddress.of("2001:db8::8:800:200c:417a");
        assertEquals(address, IpAddress.fromBytes(address.bytes()));
        assertThrows(IllegalArgumentException.class, () -> IpAddress.fromBytes(new byte[5]));
    }
}
