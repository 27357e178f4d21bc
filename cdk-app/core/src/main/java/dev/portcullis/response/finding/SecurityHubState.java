package dev.portcullis.response.finding;

import java.util.Optional;

/**
 * The ASFF fields that only Security Hub findings have and that the response needs: where to send
 * {@code BatchUpdateFindings}, and the workflow state that tells our own updates apart from new findings.
 */
public record SecurityHubState(
        String productArn,
        String productName,
        String workflowStatus,
        String recordState,
        Optional<String> noteUpdatedBy) {

    public boolean fromGuardDuty() {
        return "GuardDuty".equals(productName) || productArn.endsWith("/aws/guardduty");
    }
}
