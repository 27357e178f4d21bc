package dev.portcullis.response.service;

import dev.portcullis.response.net.IpAddress;

import java.util.Set;
import java.util.TreeSet;

/**
 * The difference between what the blocklist says and what an enforcement point enforces.
 *
 * @param missing recorded but not enforced (to block)
 * @param extra   enforced but not recorded, or recorded and expired (to unblock)
 */
public record Drift(Set<IpAddress> missing, Set<IpAddress> extra) {

    public Drift {
        missing = Set.copyOf(missing);
        extra = Set.copyOf(extra);
    }

    public static Drift between(Set<IpAddress> desired, Set<IpAddress> enforced) {
        Set<IpAddress> missing = new TreeSet<>(desired);
        missing.removeAll(enforced);
        Set<IpAddress> extra = new TreeSet<>(enforced);
        extra.removeAll(desired);
        return new Drift(missing, extra);
    }

    public boolean none() {
        return missing.isEmpty() && extra.isEmpty();
    }
}
