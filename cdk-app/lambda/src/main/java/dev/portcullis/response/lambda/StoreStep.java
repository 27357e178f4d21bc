package dev.portcullis.response.lambda;

import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.plan.Skip;
import dev.portcullis.response.port.BlockRecord;
import java.util.List;

/**
 * Output of the store step, input of the enforce step ({@code $.stored}).
 *
 * @param added          records written now (new blocks: these are what the notification announces)
 * @param alreadyBlocked live records that already held the key (duplicates)
 * @param skipped        blocks with no enforcement point, and duplicates, with reasons
 * @param toEnforce      per enforcement point, the addresses the enforce step must make sure are blocked (new and
 *                       duplicate alike, so a run that died before enforcing is repaired); empty in dry-run
 */
public record StoreStep(boolean dryRun, List<BlockRecord> added, List<BlockRecord> alreadyBlocked, List<Skip> skipped,
                        List<PointAddresses> toEnforce) {

    public StoreStep {
        added = added == null ? List.of() : List.copyOf(added);
        alreadyBlocked = alreadyBlocked == null ? List.of() : List.copyOf(alreadyBlocked);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        toEnforce = toEnforce == null ? List.of() : List.copyOf(toEnforce);
    }

    /** Addresses for one enforcement point ({@code EnforcementPoint.key()}). */
    public record PointAddresses(String point, List<IpAddress> ips) {
        public PointAddresses {
            ips = ips == null ? List.of() : List.copyOf(ips);
        }
    }
}
