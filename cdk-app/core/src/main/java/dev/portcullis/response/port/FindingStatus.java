package dev.portcullis.response.port;

import dev.portcullis.response.plan.PlannedAction.UpdateFinding;

/** Records the response on the Security Hub finding: Note and workflow status NOTIFIED (BatchUpdateFindings). */
@FunctionalInterface
public interface FindingStatus {

    void markNotified(UpdateFinding update);
}
