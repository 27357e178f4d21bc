package dev.portcullis.response.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.Skip;
import dev.portcullis.response.plan.SkipReason;
import dev.portcullis.response.port.BlockRecord;
import dev.portcullis.response.service.StoreBlocks;
import dev.portcullis.response.service.StoreOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * record-ip, step 2: the plan ({@code $.plan}) → blocklist records, with conditional writes so a duplicate finding,
 * the same finding through Security Hub, or a retried execution stores nothing twice. Also resolves each block's
 * enforcement point (for NACL: the ACL of the attacked instance's subnet).
 */
public final class StoreHandler extends StepHandler {
    public StoreHandler() {
        this(SystemAdapters.INSTANCE);
    }

    public StoreHandler(Supplier<ResponseAdapters> adapters) {
        super("store", adapters);
    }

    @Override
    JsonNode run(byte[] input, ResponseAdapters adapters, StepLog log) {
        Plan plan;
        try {
            plan = LENIENT.readValue(input, Plan.class);
        } catch (IOException | RuntimeException e) {
            return failed("the plan is unreadable: " + e.getMessage(), false, log);
        }
        if (plan == null || plan.actions() == null) {
            return failed("the input holds no plan", false, log);
        }
        StoreOutcome outcome = new StoreBlocks(adapters.blocklist(), adapters.points(), adapters.clock()).store(plan);
        List<Skip> skipped = new ArrayList<>(outcome.unresolved());
        for (BlockRecord record : outcome.alreadyBlocked()) {
            skipped.add(new Skip(record.ip().toString(), SkipReason.ALREADY_BLOCKED, record.ip() + " is already blocked at "
                    + record.enforcementPoint() + " until " + record.expiresAt(), null));
        }
        Map<String, List<IpAddress>> byPoint = new LinkedHashMap<>();
        if (!plan.dryRun()) {
            List<BlockRecord> all = new ArrayList<>(outcome.added());
            all.addAll(outcome.alreadyBlocked());
            for (BlockRecord record : all) {
                if (!record.dryRun()) {
                    byPoint.computeIfAbsent(record.enforcementPoint(), k -> new ArrayList<>()).add(record.ip());
                }
            }
        }
        List<StoreStep.PointAddresses> toEnforce = byPoint.entrySet().stream()
                .map(e -> new StoreStep.PointAddresses(e.getKey(), e.getValue())).toList();
        log.info("stored", Map.of("added", outcome.added().size(), "alreadyBlocked", outcome.alreadyBlocked().size(),
                "unresolved", outcome.unresolved().size()));
        return status(tree(new StoreStep(plan.dryRun(), outcome.added(), outcome.alreadyBlocked(), skipped, toEnforce)),
                StepStatus.ok());
    }
}
