package dev.portcullis.response.port;

import dev.portcullis.response.net.IpAddress;

import java.time.Instant;
import java.util.List;

/**
 * One blocklist entry, keyed on (ip, enforcement point) and not on the event id, so the same attacker reported by
 * GuardDuty, by Security Hub and again an hour later is one block. {@code dryRun} records are kept for the record but
 * never enforced, reconciled or counted against capacity.
 *
 * @param enforcementPoint {@link EnforcementPoint#key()}
 */
public record BlockRecord(
        IpAddress ip,
        String enforcementPoint,
        Instant createdAt,
        Instant expiresAt,
        List<String> findingIds,
        boolean dryRun) {

    public BlockRecord {
        findingIds = List.copyOf(findingIds);
    }

    /** DynamoDB TTL attribute value (epoch seconds). TTL deletion lags, so readers still check {@link #expiredAt}. */
    public long ttlEpochSeconds() {
        return expiresAt.getEpochSecond();
    }

    public boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    public EnforcementPoint point() {
        return EnforcementPoint.parse(enforcementPoint);
    }
}
