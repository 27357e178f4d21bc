package dev.portcullis.response.finding;

import java.util.Optional;

/**
 * The Security Hub custom actions the stack creates. The id is the last part of the action target's ARN
 * ({@code arn:aws:securityhub:REGION:ACCOUNT:action/custom/ID}, at most 20 characters); the name is what the console
 * shows (under 20 characters).
 */
public enum CustomAction {
    QUARANTINE("PortcullisQuarantine", "Quarantine",
            "Isolate the finding's EC2 instances, snapshot their volumes and notify"),
    RELEASE("PortcullisRelease", "Release",
            "Restore the security groups of instances Portcullis quarantined");

    private final String id;
    private final String displayName;
    private final String description;

    CustomAction(String id, String displayName, String description) {
        this.id = id;
        this.displayName = displayName;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public String description() {
        return description;
    }

    /** The action target ARN in an account and region. */
    public String arn(String partition, String region, String account) {
        return "arn:" + partition + ":securityhub:" + region + ":" + account + ":action/custom/" + id;
    }

    /** The action a custom-action ARN names, if it is one of ours. */
    public static Optional<CustomAction> ofArn(String arn) {
        for (CustomAction action : values()) {
            if (arn != null && arn.startsWith("arn:") && arn.endsWith(":action/custom/" + action.id)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
