package dev.portcullis.checks.network;

import java.util.Collection;

/** An inclusive range of TCP/UDP ports. */
public record PortRange(int from, int to) {

    public static final PortRange ALL = new PortRange(0, 65535);

    public PortRange {
        if (from > to) {
            int t = from;
            from = to;
            to = t;
        }
        from = Math.max(0, from);
        to = Math.min(65535, to);
    }

    public boolean contains(int port) {
        return from <= port && port <= to;
    }

    public boolean isAll() {
        return from == 0 && to == 65535;
    }

    /** The lowest of {@code ports} in the range, or -1. */
    public int firstOf(Collection<Integer> ports) {
        int best = -1;
        for (int p : ports) {
            if (contains(p) && (best < 0 || p < best)) {
                best = p;
            }
        }
        return best;
    }

    /** The lowest port of the range that is not one of {@code allowed}, or -1 when all are. */
    public int firstOutside(Collection<Integer> allowed) {
        for (int p = from; p <= to; p++) {
            if (!allowed.contains(p)) {
                return p;
            }
        }
        return -1;
    }

    /** {@code 22} or {@code 0-65535}, for messages. */
    public String display() {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
