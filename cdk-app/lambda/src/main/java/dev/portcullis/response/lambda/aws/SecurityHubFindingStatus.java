package dev.portcullis.response.lambda.aws;

import dev.portcullis.response.plan.PlannedAction.UpdateFinding;
import dev.portcullis.response.port.FindingStatus;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.BatchUpdateFindingsResponse;

/**
 * Marks a Security Hub finding as handled with BatchUpdateFindings: a Note saying what was blocked until when, and
 * workflow status NOTIFIED. Note.UpdatedBy is our fixed author, which is how the rule pattern and the decision
 * recognise the "Findings - Imported" event this update causes and leave it alone.
 */
public final class SecurityHubFindingStatus implements FindingStatus {
    private final SecurityHubClient securityHub;

    public SecurityHubFindingStatus(SecurityHubClient securityHub) {
        this.securityHub = securityHub;
    }

    @Override
    public void markNotified(UpdateFinding update) {
        BatchUpdateFindingsResponse response = securityHub.batchUpdateFindings(b -> b
                .findingIdentifiers(i -> i.id(update.findingId()).productArn(update.productArn()))
                .note(n -> n.text(update.note()).updatedBy(update.updatedBy()))
                .workflow(w -> w.status(update.workflowStatus())));
        if (!response.unprocessedFindings().isEmpty()) {
            throw new IllegalStateException("Security Hub did not update " + response.unprocessedFindings().stream()
                    .map(u -> u.findingIdentifier().id() + " (" + u.errorCode() + ": " + u.errorMessage() + ")")
                    .collect(Collectors.joining(", ")));
        }
    }
}
