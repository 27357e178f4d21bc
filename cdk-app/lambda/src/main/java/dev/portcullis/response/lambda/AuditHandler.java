package dev.portcullis.response.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.audit.ChangeAudit;
import dev.portcullis.audit.CloudTrailEvents;
import dev.portcullis.gate.Gate;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.finding.MalformedEventException;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.Skip;
import dev.portcullis.response.plan.SkipReason;
import dev.portcullis.response.service.RevertChanges;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The audit of deployed changes: a CloudTrail management event from the stack's audit rule → the changed resource
 * read through Cloud Control → checked with the gate's own rule catalog ({@link ChangeAudit}) → each violated rule's
 * declared revert (none in dry-run) and one notification naming who made the change ({@link RevertChanges}).
 *
 * <p>Never throws: a malformed event is a skip with its reasons, and any other failure is a {@code failed} output
 * with a log line. EventBridge invokes it asynchronously, so an exception would make Lambda run the event again;
 * reverts are idempotent, but a second notification of the same change would be noise.
 */
public final class AuditHandler implements RequestStreamHandler {

    /** The gate and its catalog are loaded once per function instance (before a SnapStart snapshot). */
    private static final Gate GATE = new Gate();

    private final Supplier<AuditAdapters> adapters;

    public AuditHandler() {
        this(Instance.INSTANCE);
    }

    public AuditHandler(Supplier<AuditAdapters> adapters) {
        this.adapters = adapters;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        StepLog log = new StepLog("audit", context);
        ObjectNode out = ResponseJson.mapper().createObjectNode();
        try {
            byte[] raw = input.readAllBytes();
            AuditAdapters ports = adapters.get();
            Plan plan;
            try {
                JsonNode event = CloudTrailEvents.tree(new String(raw, java.nio.charset.StandardCharsets.UTF_8));
                plan = new ChangeAudit(ports.config(), GATE, ports.ownRoles()).plan(event, Optional.of(ports.resources()));
            } catch (MalformedEventException e) {
                plan = Plan.skippedOnly(ports.config().dryRun(),
                        List.of(new Skip(null, SkipReason.MALFORMED_EVENT, e.getMessage(), null)));
            }
            RevertChanges.Result result = new RevertChanges(ports.reverts(), ports.notifier()).apply(plan);
            boolean ok = result.failed().isEmpty() && result.notifyErrors().isEmpty();
            out.put("status", ok ? StepStatus.OK : StepStatus.FAILED);
            out.put("retryable", false);
            if (!ok) {
                out.put("reason", String.join("; ", concat(result.failed(), result.notifyErrors())));
            }
            out.set("plan", ResponseJson.mapper().valueToTree(plan));
            out.set("result", ResponseJson.mapper().valueToTree(result));
            log.info("audited", Map.of("actions", plan.actions().size(), "dryRun", plan.dryRun(),
                    "reverted", result.reverted(), "failed", result.failed(), "notified", result.notified(),
                    "skipped", plan.skipped().stream().map(s -> s.code().wireName()).toList()));
        } catch (RuntimeException | Error e) {
            StepStatus failure = StepStatus.of(e);
            log.error(failure.reason(), e);
            out.removeAll();
            out.put("status", failure.status());
            out.put("retryable", failure.retryable());
            out.put("reason", failure.reason());
        }
        ResponseJson.mapper().writeValue(output, out);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The adapters of this function instance, built on first use; a broken environment is reported every time. */
    private static final class Instance implements Supplier<AuditAdapters> {
        static final Instance INSTANCE = new Instance();
        private AuditAdapters adapters;
        private RuntimeException broken;

        @Override
        public synchronized AuditAdapters get() {
            if (adapters == null && broken == null) {
                try {
                    adapters = AuditAdapters.fromSystem();
                } catch (RuntimeException e) {
                    broken = e;
                }
            }
            if (broken != null) {
                throw broken;
            }
            return adapters;
        }
    }
}
