package dev.portcullis.response.port;

import dev.portcullis.response.net.IpAddress;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * One enforcement point's blocked addresses (a rule group, the WAF IP sets, a NACL's reserved entries). Writes are
 * deltas applied atomically against the current state (UpdateToken / LockToken retry in the adapters), adding what is
 * already there or removing what is not are no-ops, and a write that would exceed {@link #capacity()} fails.
 */
public interface Enforcer {

    EnforcementPoint point();

    /** The addresses blocked now. */
    Set<IpAddress> current();

    /** Adds and removes in one write. */
    void update(Collection<IpAddress> add, Collection<IpAddress> remove);

    /** How many addresses this point can hold, computed now (rule group capacity, IP set limit, reserved rules). */
    int capacity();

    default void block(Collection<IpAddress> ips) {
        update(ips, List.of());
    }

    default void unblock(Collection<IpAddress> ips) {
        update(List.of(), ips);
    }
}
