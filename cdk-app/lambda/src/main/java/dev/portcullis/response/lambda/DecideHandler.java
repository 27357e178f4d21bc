package dev.portcullis.response.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.response.decision.BlockDecision;
import dev.portcullis.response.plan.Plan;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * record-ip, step 1: the EventBridge event (GuardDuty finding or Security Hub import) → the plan: which addresses to
 * block where until when, what to notify, and every skipped address with its reason. Malformed events, unknown
 * finding types and invalid addresses become skips; nothing here touches AWS.
 */
public final class DecideHandler extends StepHandler {
    public DecideHandler() {
        this(SystemAdapters.INSTANCE);
    }

    public DecideHandler(Supplier<ResponseAdapters> adapters) {
        super("decide", adapters);
    }

    @Override
    JsonNode run(byte[] input, ResponseAdapters adapters, StepLog log) {
        Plan plan = new BlockDecision(adapters.config())
                .decideEvent(new String(input, StandardCharsets.UTF_8), adapters.clock().instant());
        log.info("decided", Map.of("blocks", plan.blocks().size(), "dryRun", plan.dryRun(),
                "skipped", plan.skipped().stream().collect(Collectors.groupingBy(s -> s.code().wireName(), Collectors.counting()))));
        return status(tree(plan), StepStatus.ok());
    }

}
