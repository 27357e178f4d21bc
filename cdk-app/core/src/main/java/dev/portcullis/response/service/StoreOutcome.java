package dev.portcullis.response.service;

import dev.portcullis.response.port.BlockRecord;
import dev.portcullis.response.plan.Skip;

import java.util.List;

/**
 * Result of the "store" step.
 *
 * @param added          records written now
 * @param alreadyBlocked live records that already held the key (duplicates: nothing written)
 * @param unresolved     blocks with no enforcement point, with the reason
 */
public record StoreOutcome(List<BlockRecord> added, List<BlockRecord> alreadyBlocked, List<Skip> unresolved) {

    public StoreOutcome {
        added = List.copyOf(added);
        alreadyBlocked = List.copyOf(alreadyBlocked);
        unresolved = List.copyOf(unresolved);
    }
}
