package dev.portcullis.response.lambda;

import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.service.QuarantineResponse;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Security Hub custom actions Quarantine and Release: the "Security Hub Findings - Custom Action" event → the
 * instances of its findings looked up → isolated and snapshotted, or given their groups back → notified, findings
 * marked. Idempotent: an instance already quarantined (or not quarantined, for Release) is left alone with a note.
 */
public final class QuarantineHandler extends PlaybookHandler {

    public QuarantineHandler() {
        this(PlaybookSystemAdapters.INSTANCE);
    }

    public QuarantineHandler(Supplier<PlaybookAdapters> adapters) {
        super("quarantine", adapters);
    }

    @Override
    Plan plan(byte[] input, PlaybookAdapters adapters) {
        return new QuarantineResponse(adapters.config(), Optional.of(adapters.inventory()))
                .plan(tree(input), adapters.config().quarantine().dryRun());
    }
}
