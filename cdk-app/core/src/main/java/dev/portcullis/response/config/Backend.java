package dev.portcullis.response.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/** An enforcement backend: where a blocked IP is actually dropped. */
public enum Backend {
    /** A stateless Network Firewall rule group (drop to and from each IP). */
    NETWORK_FIREWALL("network-firewall"),
    /** WAFv2 IP sets, one per address family. */
    WAF("waf"),
    /** Deny entries in the network ACL of the affected instance's subnet. */
    NACL("nacl");

    private final String wireName;

    Backend(String wireName) {
        this.wireName = wireName;
    }

    /** The name in configuration and plans: {@code network-firewall}, {@code waf}, {@code nacl}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<Backend> parse(String text) {
        return Arrays.stream(values()).filter(b -> b.wireName.equals(text)).findFirst();
    }

    @JsonCreator
    static Backend fromJson(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("unknown backend: " + text));
    }
}
