package dev.portcullis.response.service;

import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.port.EnforcementPoint;

import java.util.List;

/**
 * Result of the "enforce" step at one point.
 *
 * @param added    addresses newly enforced
 * @param present  addresses that were enforced already
 * @param evicted  oldest addresses removed to make room (their records are gone too)
 * @param rejected addresses that could not fit even after eviction (more new addresses than capacity)
 */
public record EnforceOutcome(EnforcementPoint point, List<IpAddress> added, List<IpAddress> present,
                             List<IpAddress> evicted, List<IpAddress> rejected) {

    public EnforceOutcome {
        added = List.copyOf(added);
        present = List.copyOf(present);
        evicted = List.copyOf(evicted);
        rejected = List.copyOf(rejected);
    }
}
