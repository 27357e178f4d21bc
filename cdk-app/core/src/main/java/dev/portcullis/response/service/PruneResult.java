package dev.portcullis.response.service;

import dev.portcullis.response.port.BlockRecord;

import java.util.List;
import java.util.Optional;

/**
 * What pruning removed. {@code failed} lists records left in place because lifting their block failed; they are
 * retried on the next run. {@code next} is the cursor of the following page when only one page was pruned.
 */
public record PruneResult(List<BlockRecord> removed, List<BlockRecord> failed, List<String> errors,
                          Optional<String> next) {

    public PruneResult {
        removed = List.copyOf(removed);
        failed = List.copyOf(failed);
        errors = List.copyOf(errors);
    }
}
