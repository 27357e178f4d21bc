package dev.portcullis.response.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest {

    @ParameterizedTest
    @CsvSource({
            "203.0.113.0/24, 203.0.113.0, true",
            "203.0.113.0/24, 203.0.113.255, true",
            "203.0.113.0/24, 203.0.114.0, false",
            "203.0.113.0/25, 203.0.113.127, true",
            "203.0.113.0/25, 203.0.113.128, false",
            "10.0.0.0/8, 10.255.255.255, true",
            "100.64.0.0/10, 100.127.255.255, true",
            "100.64.0.0/10, 100.128.0.0, false",
            "0.0.0.0/0, 198.51.100.1, true",
            "0.0.0.0/0, 2001:db8::1, false",
            "198.51.100.7, 198.51.100.7, true",
            "198.51.100.7, 198.51.100.8, false",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "fc00::/7, fdff::1, true",
            "fe80::/10, febf::1, true",
            "fe80::/10, fec0::1, false",
            "::/0, 2001:db8::1, true",
            "::/0, 198.51.100.1, false"})
    void containment(String cidr, String address, boolean contained) {
        assertEquals(contained, Cidr.parse(cidr).contains(IpAddress.of(address)));
    }

    @Test
    void bareAddressIsASingleAddressRange() {
        assertEquals("198.51.100.7/32", Cidr.parse("198.51.100.7").toString());
        assertEquals("2001:db8::1/128", Cidr.parse("2001:db8::1").toString());
    }

    @Test
    void hostBitsAreRefusedWithTheNetworkNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.1/8"));
        assertTrue(e.getMessage().contains("10.0.0.0/8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("2001:db8::1/32"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.0/", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/-1", "10.0.0.0/8/8",
            "example.com/24", "10.0.0.0/abc", "10.0.0.0/0008"})
    void rejectsMalformedRanges(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
    }

    @Test
    void nonInternetRangesExcludeWhatCannotAttackFromTheInternet() {
        for (String address : new String[]{"10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                "127.0.0.1", "169.254.169.254", "100.64.0.1", "224.0.0.251", "239.255.255.250", "0.0.0.0",
                "255.255.255.255", "::", "::1", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1",
                "::ffff:10.0.0.1"}) {
            assertTrue(NonInternetRanges.classify(IpAddress.of(address)).isPresent(), address);
        }
    }

    @Test
    void documentationAndPublicRangesAreNotExcluded() {
        for (String address : new String[]{"192.0.2.1", "198.51.100.23", "203.0.113.45", "2001:db8::1",
                "8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1", "100.63.255.255", "2606:4700::1111",
                "1.1.1.1"}) {
            assertFalse(NonInternetRanges.classify(IpAddress.of(address)).isPresent(), address);
        }
    }

    @Test
    void everyNonInternetRangeHasAName() {
        NonInternetRanges.all().forEach(r -> assertFalse(r.name().isBlank(), r.cidr().toString()));
    }
}
