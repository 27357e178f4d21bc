package dev.portcullis.response.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.PlannedAction;
import dev.portcullis.response.plan.PlannedAction.DeleteFunctionUrl;
import dev.portcullis.response.plan.PlannedAction.Notify;
import dev.portcullis.response.plan.PlannedAction.RestorePublicAccessBlock;
import dev.portcullis.response.plan.PlannedAction.RevokeIngress;
import dev.portcullis.response.port.ChangeReverts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Carrying out an audit plan: reverts one by one (none in dry-run), then the notification with the outcome. */
class RevertChangesTest {

    /** Records every revert; the bucket "gone" is already reverted, the function "locked" fails. */
    private static final class RecordingReverts implements ChangeReverts {
        final List<String> calls = new ArrayList<>();

        @Override
        public Outcome revokeIngress(RevokeIngress action) {
            calls.add("revoke " + action.securityGroupId());
            return Outcome.REVERTED;
        }

        @Override
        public Outcome restorePublicAccessBlock(RestorePublicAccessBlock action) {
            calls.add("restore " + action.bucket());
            return action.bucket().equals("gone") ? Outcome.ALREADY_REVERTED : Outcome.REVERTED;
        }

        @Override
        public Outcome deleteFunctionUrl(DeleteFunctionUrl action) {
            calls.add("delete " + action.functionName());
            throw new IllegalStateException("AccessDeniedException: not authorized");
        }
    }

    private static final String WHO = "arn:aws:iam::111122223333:user/alice";

    private static List<PlannedAction> actions() {
        return List.of(
                new RevokeIngress("sg-1", null, "tcp", 22, 22, "0.0.0.0/0", List.of("r"), WHO, "why"),
                new RestorePublicAccessBlock("gone", List.of("r"), WHO, "why"),
                new DeleteFunctionUrl("locked", null, List.of("r"), WHO, "why"),
                new Notify("subject", "message"));
    }

    @Test
    void revertsEachAndReportsEveryOutcome() {
        RecordingReverts reverts = new RecordingReverts();
        RecordingNotifier notifier = new RecordingNotifier();
        RevertChanges.Result result = new RevertChanges(reverts, notifier).apply(new Plan(false, actions(), List.of()));
        assertEquals(List.of("revoke sg-1", "restore gone", "delete locked"), reverts.calls, "a failure stops nothing");
        assertEquals(List.of("revoke-ingress sg-1 tcp port 22 from 0.0.0.0/0",
                "restore-public-access-block gone (already reverted)"), result.reverted());
        assertEquals(List.of("delete-function-url locked: AccessDeniedException: not authorized"), result.failed());
        Notify sent = notifier.sent.get(0);
        assertTrue(sent.subject().startsWith("[revert failed] "), sent.subject());
        assertTrue(sent.message().contains("Reverted:\n- revoke-ingress sg-1"), sent.message());
        assertTrue(sent.message().contains("FAILED to revert (act by hand):\n- delete-function-url locked"));
    }

    @Test
    void dryRunRevertsNothingAndSendsThePlanAsIs() {
        RecordingReverts reverts = new RecordingReverts();
        RecordingNotifier notifier = new RecordingNotifier();
        RevertChanges.Result result = new RevertChanges(reverts, notifier).apply(new Plan(true, actions(), List.of()));
        assertEquals(List.of(), reverts.calls);
        assertEquals(List.of(), result.reverted());
        assertEquals(new Notify("subject", "message"), notifier.sent.get(0));
    }

    @Test
    void aNotificationThatCannotBeSentIsReportedNotThrown() {
        RevertChanges.Result result = new RevertChanges(new RecordingReverts(), notice -> {
            throw new IllegalStateException("topic gone");
        }).apply(new Plan(false, List.of(actions().get(0), actions().get(3)), List.of()));
        assertEquals(1, result.reverted().size());
        assertEquals(List.of("topic gone"), result.notifyErrors());
        assertEquals(0, result.notified());
    }
}
