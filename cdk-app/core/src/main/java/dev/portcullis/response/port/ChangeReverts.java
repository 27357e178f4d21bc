package dev.portcullis.response.port;

import dev.portcullis.response.plan.PlannedAction.DeleteFunctionUrl;
import dev.portcullis.response.plan.PlannedAction.RestorePublicAccessBlock;
import dev.portcullis.response.plan.PlannedAction.RevokeIngress;

/**
 * Undoes a deployed change that violates a rule, one narrow write per action. Each call is idempotent: what is
 * already gone (the permission revoked, the URL deleted) is {@link Outcome#ALREADY_REVERTED}, not an error. Any
 * other failure throws, with a message for the notification.
 */
public interface ChangeReverts {

    /** What a revert found. */
    enum Outcome { REVERTED, ALREADY_REVERTED }

    Outcome revokeIngress(RevokeIngress action);

    Outcome restorePublicAccessBlock(RestorePublicAccessBlock action);

    Outcome deleteFunctionUrl(DeleteFunctionUrl action);
}
