package dev.portcullis.response.port;

import dev.portcullis.response.config.Backend;

/**
 * One place where blocks are enforced and the unit of "one writer at a time": a Network Firewall rule group, the
 * WAF IP sets, or one network ACL. {@code target} identifies it within the backend (rule group ARN, IP set name,
 * NACL id) and may be empty for a backend with a single point. {@link #key()} is the blocklist's sort of the
 * (ip, enforcement point) key and the SQS FIFO message group.
 */
public record EnforcementPoint(Backend backend, String target) {

    public EnforcementPoint {
        if (target == null) {
            target = "";
        }
    }

    public static EnforcementPoint of(Backend backend) {
        return new EnforcementPoint(backend, "");
    }

    /** {@code network-firewall}, {@code waf} or {@code nacl:acl-0123...}: backend, then the target if any. */
    public String key() {
        return target.isEmpty() ? backend.wireName() : backend.wireName() + ":" + target;
    }

    /** The inverse of {@link #key()}. */
    public static EnforcementPoint parse(String key) {
        int colon = key.indexOf(':');
        String backendName = colon < 0 ? key : key.substring(0, colon);
        Backend backend = Backend.parse(backendName)
                .orElseThrow(() -> new IllegalArgumentException("unknown enforcement point: " + key));
        return new EnforcementPoint(backend, colon < 0 ? "" : key.substring(colon + 1));
    }

    @Override
    public String toString() {
        return key();
    }
}
