package dev.portcullis.response.service;

import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.port.EnforcementPoint;
import dev.portcullis.response.port.Enforcer;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Test double: an enforcement point holding a set of addresses, refusing writes beyond capacity (as the real rule
 * group does), counting writes and able to fail on demand.
 */
final class InMemoryEnforcer implements Enforcer {

    private final EnforcementPoint point;
    private final Set<IpAddress> blocked = new LinkedHashSet<>();
    private int capacity;
    private int writes;
    private int maxSeen;
    private RuntimeException failure;

    InMemoryEnforcer(EnforcementPoint point, int capacity) {
        this.point = point;
        this.capacity = capacity;
    }

    @Override
    public EnforcementPoint point() {
        return point;
    }

    @Override
    public synchronized Set<IpAddress> current() {
        return Set.copyOf(blocked);
    }

    @Override
    public synchronized void update(Collection<IpAddress> add, Collection<IpAddress> remove) {
        if (failure != null) {
            throw failure;
        }
        Set<IpAddress> next = new LinkedHashSet<>(blocked);
        next.removeAll(remove);
        next.addAll(add);
        if (next.size() > capacity) {
            throw new IllegalStateException("capacity " + capacity + " exceeded: " + next.size());
        }
        blocked.clear();
        blocked.addAll(next);
        writes++;
        maxSeen = Math.max(maxSeen, blocked.size());
    }

    @Override
    public synchronized int capacity() {
        return capacity;
    }

    synchronized void setCapacity(int value) {
        capacity = value;
    }

    synchronized void failWith(RuntimeException e) {
        failure = e;
    }

    synchronized int writes() {
        return writes;
    }

    synchronized int maxSeen() {
        return maxSeen;
    }

    /** Simulates a hand edit of the rule group, outside the store. */
    synchronized void tamper(Collection<IpAddress> add, Collection<IpAddress> remove) {
        blocked.removeAll(remove);
        blocked.addAll(add);
    }
}
