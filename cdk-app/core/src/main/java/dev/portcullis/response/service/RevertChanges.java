package dev.portcullis.response.service;

import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.PlannedAction;
import dev.portcullis.response.plan.PlannedAction.DeleteFunctionUrl;
import dev.portcullis.response.plan.PlannedAction.Notify;
import dev.portcullis.response.plan.PlannedAction.RestorePublicAccessBlock;
import dev.portcullis.response.plan.PlannedAction.RevokeIngress;
import dev.portcullis.response.port.ChangeReverts;
import dev.portcullis.response.port.Notifier;

import java.util.ArrayList;
import java.util.List;

/**
 * Carries out an audit plan: every revert it lists (none in dry-run), each on its own so one failure does not stop
 * the others, then the plan's notifications with what actually happened appended. A notification that cannot be
 * sent is reported in the result, never thrown, so the reverts already made are still reported.
 */
public final class RevertChanges {

    private final ChangeReverts reverts;
    private final Notifier notifier;

    public RevertChanges(ChangeReverts reverts, Notifier notifier) {
        this.reverts = reverts;
        this.notifier = notifier;
    }

    /** What was done: one line per revert made, already made, or failed, and notification failures. */
    public record Result(List<String> reverted, List<String> failed, int notified, List<String> notifyErrors) {
        public Result {
            reverted = List.copyOf(reverted);
            failed = List.copyOf(failed);
            notifyErrors = List.copyOf(notifyErrors);
        }
    }

    public Result apply(Plan plan) {
        List<String> reverted = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        if (!plan.dryRun()) {
            for (PlannedAction action : plan.actions()) {
                String target = target(action);
                if (target == null) {
                    continue;
                }
                try {
                    ChangeReverts.Outcome outcome = revert(action);
                    reverted.add(target + (outcome == ChangeReverts.Outcome.ALREADY_REVERTED ? " (already reverted)" : ""));
                } catch (RuntimeException e) {
                    failed.add(target + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                }
            }
        }
        int notified = 0;
        List<String> notifyErrors = new ArrayList<>();
        for (Notify notice : plan.actionsOf(Notify.class)) {
            try {
                notifier.send(withOutcome(notice, plan.dryRun(), reverted, failed));
                notified++;
            } catch (RuntimeException e) {
                notifyErrors.add(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        return new Result(reverted, failed, notified, notifyErrors);
    }

    private ChangeReverts.Outcome revert(PlannedAction action) {
        if (action instanceof RevokeIngress revoke) {
            return reverts.revokeIngress(revoke);
        }
        if (action instanceof RestorePublicAccessBlock restore) {
            return reverts.restorePublicAccessBlock(restore);
        }
        return reverts.deleteFunctionUrl((DeleteFunctionUrl) action);
    }

    /** A short name of what a revert action changes, or null for an action that is not a revert. */
    static String target(PlannedAction action) {
        if (action instanceof RevokeIngress r) {
            String ports = r.fromPort() == null || r.fromPort() == -1 ? "all ports"
                    : r.fromPort().equals(r.toPort()) ? "port " + r.fromPort() : "ports " + r.fromPort() + "-" + r.toPort();
            return "revoke-ingress " + r.securityGroupId() + " " + r.ipProtocol() + " " + ports + " from " + r.cidr();
        }
        if (action instanceof RestorePublicAccessBlock r) {
            return "restore-public-access-block " + r.bucket();
        }
        if (action instanceof DeleteFunctionUrl r) {
            return "delete-function-url " + r.functionName() + (r.qualifier() == null ? "" : ":" + r.qualifier());
        }
        return null;
    }

    private static Notify withOutcome(Notify notice, boolean dryRun, List<String> reverted, List<String> failed) {
        if (dryRun || (reverted.isEmpty() && failed.isEmpty())) {
            return notice;
        }
        StringBuilder message = new StringBuilder(notice.message());
        if (!reverted.isEmpty()) {
            message.append("\n\nReverted:\n- ").append(String.join("\n- ", reverted));
        }
        if (!failed.isEmpty()) {
            message.append("\n\nFAILED to revert (act by hand):\n- ").append(String.join("\n- ", failed));
        }
        String subject = failed.isEmpty() ? notice.subject() : "[revert failed] " + notice.subject();
        return new Notify(subject, message.toString());
    }
}
