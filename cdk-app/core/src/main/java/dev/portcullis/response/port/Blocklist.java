package dev.portcullis.response.port;

import dev.portcullis.response.net.IpAddress;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The record of what is blocked where and until when (DynamoDB in AWS). */
public interface Blocklist {

    /**
     * Stores the record with a conditional write, so a duplicate is a no-op. It is stored when no record has the same
     * (ip, enforcement point), or the existing one has expired at {@code record.createdAt()} (TTL deletion lags), or
     * the existing one is a dry-run record and this one is not.
     *
     * @return true when stored, false when a live record already holds the key
     */
    boolean putIfAbsent(BlockRecord record);

    Optional<BlockRecord> get(IpAddress ip, String enforcementPoint);

    /**
     * Records expired at {@code now}, at most {@code limit} per page; {@code cursor} is null for the first page.
     * Removing records of a page must not make the following page skip records.
     */
    Page<BlockRecord> expired(Instant now, String cursor, int limit);

    /**
     * Removes the record if it is still the one given (same key and {@code createdAt}), so a prune that read an old
     * record never deletes a block made since. True when removed.
     */
    boolean remove(BlockRecord record);

    /** Every record of an enforcement point, live, expired and dry-run alike, in no particular order. */
    List<BlockRecord> list(String enforcementPoint);

    /**
     * Every record of {@code ip}, at every enforcement point, live, expired and dry-run alike: whether an address
     * was judged an attacker, which the flow-log kill switch asks of addresses its instances talk to.
     */
    List<BlockRecord> recordsOf(IpAddress ip);
}
