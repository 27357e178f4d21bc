package dev.portcullis.response.net;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An address range such as {@code 203.0.113.0/24}. Host bits must be zero: {@code 10.0.0.1/8} is refused rather than
 * silently widened, since an allow-list entry that means something other than what was written is a hidden hole.
 * A bare address is its own single-address range.
 */
public record Cidr(IpAddress network, int prefixLength) {

    public Cidr {
        if (prefixLength < 0 || prefixLength > network.bitLength()) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0-" + network.bitLength());
        }
        if (!hostBitsZero(network.bytes(), prefixLength)) {
            throw new IllegalArgumentException(network + "/" + prefixLength + " has host bits set");
        }
    }

    /** Parses {@code address/prefix} or a bare address; the message of the exception says what is wrong. */
    @JsonCreator
    public static Cidr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty CIDR");
        }
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        IpAddress address = IpAddress.parse(addressText)
                .orElseThrow(() -> new IllegalArgumentException("'" + addressText + "' is not an IP address"));
        if (slash < 0) {
            return new Cidr(address, address.bitLength());
        }
        String prefixText = text.substring(slash + 1);
        if (!prefixText.matches("\\d{1,3}")) {
            throw new IllegalArgumentException("'" + prefixText + "' is not a prefix length");
        }
        int prefix = Integer.parseInt(prefixText);
        if (prefix > address.bitLength()) {
            throw new IllegalArgumentException("prefix length " + prefix + " is outside 0-" + address.bitLength());
        }
        byte[] bytes = address.bytes();
        if (!hostBitsZero(bytes, prefix)) {
            throw new IllegalArgumentException(text + " has host bits set; the network is "
                    + IpAddress.fromBytes(masked(bytes, prefix)) + "/" + prefix);
        }
        return new Cidr(address, prefix);
    }

    public boolean contains(IpAddress address) {
        if (address.version() != network.version()) {
            return false;
        }
        byte[] candidate = address.bytes();
        byte[] net = network.bytes();
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != net[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xff << (8 - remainingBits)) & 0xff;
        return (candidate[fullBytes] & mask) == (net[fullBytes] & mask);
    }

    @JsonValue
    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }

    private static boolean hostBitsZero(byte[] bytes, int prefix) {
        return java.util.Arrays.equals(bytes, masked(bytes, prefix));
    }

    private static byte[] masked(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int bit = prefix; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return out;
    }
}
