package dev.portcullis.response.service;

import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.plan.PlannedAction.Notify;
import dev.portcullis.response.port.EnforcementPoint;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One enforcement point's reconciliation: the drift found, whether it was repaired, and the records evicted because
 * the store held more than the point can enforce.
 */
public record ReconcileReport(EnforcementPoint point, Drift drift, boolean repaired, List<IpAddress> evicted) {

    public ReconcileReport {
        evicted = List.copyOf(evicted);
    }

    /** A notification when there was anything to report. */
    public Optional<Notify> notice() {
        if (drift.none() && evicted.isEmpty()) {
            return Optional.empty();
        }
        String subject = "Drift at " + point.key() + ": " + drift.missing().size() + " missing, "
                + drift.extra().size() + " extra" + (repaired ? " (repaired)" : " (not repaired)");
        String message = "Recorded but not enforced: " + list(drift.missing()) + "\n"
                + "Enforced but not recorded or expired: " + list(drift.extra())
                + (evicted.isEmpty() ? "" : "\nEvicted (over capacity): " + list(evicted));
        return Optional.of(new Notify(subject, message));
    }

    private static String list(java.util.Collection<IpAddress> ips) {
        return ips.isEmpty() ? "none" : ips.stream().sorted().map(IpAddress::toString).collect(Collectors.joining(", "));
    }
}
