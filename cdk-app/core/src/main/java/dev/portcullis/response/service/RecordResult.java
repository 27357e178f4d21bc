package dev.portcullis.response.service;

import dev.portcullis.response.plan.Skip;

import java.util.List;

/**
 * Everything one record-ip run did.
 *
 * @param stored      the store step
 * @param enforced    one outcome per enforcement point written (empty in dry-run)
 * @param notified    whether a notification went out (only when something new was recorded)
 * @param findingMarked whether the Security Hub finding was marked NOTIFIED
 * @param skipped     blocks not carried out, with reasons (already blocked, no enforcement point)
 */
public record RecordResult(StoreOutcome stored, List<EnforceOutcome> enforced, boolean notified,
                           boolean findingMarked, List<Skip> skipped) {

    public RecordResult {
        enforced = List.copyOf(enforced);
        skipped = List.copyOf(skipped);
    }
}
