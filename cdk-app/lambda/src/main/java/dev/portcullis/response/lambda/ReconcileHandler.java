package dev.portcullis.response.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.config.Backend;
import dev.portcullis.response.port.EnforcementPoint;
import dev.portcullis.response.service.Reconcile;
import dev.portcullis.response.service.ReconcileReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Scheduled reconciliation: for the configured rule group and IP sets, and every NACL the blocklist mentions, compare
 * what is recorded with what is enforced, repair the drift (unless the input says {@code {"repair": false}}), and
 * notify what was found. Skipped entirely in dry-run, where nothing is meant to be enforced.
 */
public final class ReconcileHandler extends StepHandler {
    public ReconcileHandler() {
        this(SystemAdapters.INSTANCE);
    }

    public ReconcileHandler(Supplier<ResponseAdapters> adapters) {
        super("reconcile", adapters);
    }

    @Override
    JsonNode run(byte[] input, ResponseAdapters adapters, StepLog log) {
        boolean repair = true;
        try {
            JsonNode request = input.length == 0 ? null : ResponseJson.mapper().readTree(input);
            if (request != null && request.has("repair")) {
                if (!request.get("repair").isBoolean()) {
                    return failed("repair must be true or false", false, log);
                }
                repair = request.get("repair").asBoolean();
            }
        } catch (IOException e) {
            return failed("the reconcile request is not JSON: " + e.getMessage(), false, log);
        }
        ObjectNode body = ResponseJson.mapper().createObjectNode();
        ArrayNode reports = body.putArray("reports");
        ArrayNode failures = body.putArray("failures");
        if (adapters.config().dryRun()) {
            body.put("skipped", "dry-run: nothing is enforced, so there is nothing to reconcile");
            return status(body, StepStatus.ok());
        }
        Reconcile reconcile = new Reconcile(adapters.blocklist(), adapters.clock());
        List<String> problems = new ArrayList<>();
        boolean retryable = false;
        for (String point : points(adapters)) {
            try {
                ReconcileReport report = reconcile.run(adapters.enforcers().at(EnforcementPoint.parse(point)), repair);
                reports.add(tree(report));
                log.info("reconciled", Map.of("point", point, "missing", report.drift().missing().size(),
                        "extra", report.drift().extra().size(), "repaired", report.repaired()));
                report.notice().ifPresent(notice -> {
                    if (!adapters.notifier().isEmpty()) {
                        adapters.notifier().send(notice);
                    }
                });
            } catch (RuntimeException e) {
                StepStatus status = StepStatus.of(e);
                retryable |= status.retryable();
                problems.add(point + ": " + status.reason());
                failures.addObject().put("point", point).put("reason", status.reason());
                log.error("reconciling " + point + " failed", e);
            }
        }
        return status(body, problems.isEmpty() ? StepStatus.ok() : StepStatus.failed(String.join("; ", problems), retryable));
    }

    private static List<String> points(ResponseAdapters adapters) {
        TreeSet<String> points = new TreeSet<>();
        for (Backend backend : adapters.config().backends()) {
            if (backend != Backend.NACL) {
                points.add(EnforcementPoint.of(backend).key());
            }
        }
        for (String point : adapters.blocklist().enforcementPoints()) {
            EnforcementPoint parsed = EnforcementPoint.parse(point);
            if (adapters.config().backends().contains(parsed.backend())) {
                points.add(point);
            }
        }
        return List.copyOf(points);
    }
}
