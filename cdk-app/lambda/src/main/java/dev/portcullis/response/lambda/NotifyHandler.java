package dev.portcullis.response.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.PlannedAction;
import dev.portcullis.response.plan.PlannedAction.Notify;
import dev.portcullis.response.service.EnforceOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The last step of every workflow, and its catch path. Receives the whole workflow state ({@code $.plan},
 * {@code $.stored}, {@code $.enforced}, a caught {@code $.error}) and tells people: what was (or in dry-run would be)
 * blocked, why and until when, through SNS and Slack, only when something new was recorded; then marks Security Hub
 * findings NOTIFIED with a note. A caught error, or an earlier step that reported {@code failed}, is notified as a
 * failure instead, and the findings are left as they are, so they are picked up again.
 */
public final class NotifyHandler extends StepHandler {
    public NotifyHandler() {
        this(SystemAdapters.INSTANCE);
    }

    public NotifyHandler(Supplier<ResponseAdapters> adapters) {
        super("notify", adapters);
    }

    /** A caught Step Functions error: {@code {"Error": ..., "Cause": ...}}. */
    record CaughtError(String error, String cause) {
    }

    @Override
    JsonNode run(byte[] input, ResponseAdapters adapters, StepLog log) {
        JsonNode state;
        try {
            state = ResponseJson.mapper().readTree(input);
        } catch (IOException e) {
            state = null;
        }
        if (state == null || !state.isObject()) {
            Notify notice = new Notify("Portcullis: a workflow ended with an unreadable state",
                    "The notify step could not read its input, so what happened is unknown. Check the execution history.");
            return deliver(List.of(notice), List.of(), adapters, log, "unreadable workflow state");
        }
        List<String> failures = failures(state);
        Optional<Plan> plan = read(state.get("plan"), Plan.class);
        Optional<StoreStep> stored = read(state.get("stored"), StoreStep.class);
        Optional<EnforceStep> enforced = read(state.get("enforced"), EnforceStep.class);
        List<Notify> notices = new ArrayList<>();
        List<PlannedAction.UpdateFinding> updates = new ArrayList<>();
        if (!failures.isEmpty()) {
            notices.add(failureNotice(failures, plan));
        } else {
            boolean somethingNew = stored.map(s -> !s.added().isEmpty()).orElse(false);
            if (somethingNew) {
                plan.ifPresent(p -> notices.addAll(p.actionsOf(Notify.class)));
            }
            enforced.flatMap(NotifyHandler::rejectedNotice).ifPresent(notices::add);
            plan.filter(p -> !p.dryRun()).ifPresent(p -> updates.addAll(p.actionsOf(PlannedAction.UpdateFinding.class)));
        }
        return deliver(notices, updates, adapters, log, failures.isEmpty() ? null : String.join("; ", failures));
    }

    private JsonNode deliver(List<Notify> notices, List<PlannedAction.UpdateFinding> updates, ResponseAdapters adapters,
                             StepLog log, String workflowFailure) {
        List<String> problems = new ArrayList<>();
        int sent = 0;
        for (Notify notice : notices) {
            if (adapters.notifier().isEmpty()) {
                log.info("no notification target configured", Map.of("subject", notice.subject()));
                continue;
            }
            try {
                adapters.notifier().send(notice);
                sent++;
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
                log.error("notification failed", e);
            }
        }
        int marked = 0;
        for (PlannedAction.UpdateFinding update : updates) {
            try {
                adapters.findingStatus().markNotified(update);
                marked++;
            } catch (RuntimeException e) {
                problems.add("finding " + update.findingId() + ": " + e.getMessage());
                log.error("marking the finding failed", e);
            }
        }
        ObjectNode body = ResponseJson.mapper().createObjectNode();
        body.put("notificationsSent", sent);
        body.put("findingsMarked", marked);
        if (workflowFailure != null) {
            body.put("workflowFailure", workflowFailure);
        }
        log.info("notified", Map.of("sent", sent, "marked", marked, "problems", problems.size()));
        StepStatus status = problems.isEmpty() ? StepStatus.ok() : StepStatus.failed(String.join("; ", problems), true);
        return status(body, status);
    }

    /** A caught error, and every earlier step that reported failure in its output. */
    private static List<String> failures(JsonNode state) {
        List<String> failures = new ArrayList<>();
        read(state.get("error"), JsonNode.class).ifPresent(error -> failures.add(
                error.path("Error").asText("error") + ": " + abbreviate(error.path("Cause").asText(""))));
        for (String step : List.of("plan", "stored", "enforced", "page", "report")) {
            JsonNode output = state.get(step);
            if (output != null && StepStatus.FAILED.equals(output.path("status").asText())) {
                failures.add(step + " step failed: " + output.path("reason").asText("no reason given"));
            }
        }
        return failures;
    }

    private static Notify failureNotice(List<String> failures, Optional<Plan> plan) {
        StringBuilder message = new StringBuilder("A Portcullis workflow failed after its retries; nothing further was done.\n");
        failures.forEach(f -> message.append("- ").append(f).append('\n'));
        plan.ifPresent(p -> {
            String ips = p.blocks().stream().map(b -> b.ip().toString()).distinct().collect(Collectors.joining(", "));
            if (!ips.isEmpty()) {
                message.append("Blocks that were planned: ").append(ips).append('\n');
            }
        });
        message.append("The finding was not marked NOTIFIED, so it can be handled again.");
        return new Notify("Portcullis workflow failed", message.toString());
    }

    private static Optional<Notify> rejectedNotice(EnforceStep enforced) {
        List<String> lines = new ArrayList<>();
        for (EnforceOutcome outcome : enforced.outcomes()) {
            if (!outcome.rejected().isEmpty()) {
                lines.add(outcome.point().key() + ": " + outcome.rejected().stream().map(IpAddress::toString)
                        .collect(Collectors.joining(", ")));
            }
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Notify("Portcullis could not enforce every block (capacity)",
                "More new addresses than the enforcement point can hold even after eviction; not enforced:\n"
                        + String.join("\n", lines)));
    }

    private static <T> Optional<T> read(JsonNode node, Class<T> type) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(LENIENT.treeToValue(node, type));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }
}
