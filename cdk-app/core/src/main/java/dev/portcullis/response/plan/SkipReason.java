package dev.portcullis.response.plan;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why something was not acted upon; the wire name is stable for logs, metrics and tests. */
public enum SkipReason {
    MALFORMED_EVENT("malformed-event"),
    UNSUPPORTED_EVENT("unsupported-event"),
    NO_RULE_MATCHED("no-rule-matched"),
    SOURCE_DISABLED("source-disabled"),
    NOT_GUARDDUTY("not-guardduty"),
    ARCHIVED("archived"),
    OWN_UPDATE("own-update"),
    WORKFLOW_NOT_NEW("workflow-not-new"),
    UNKNOWN_FINDING_TYPE("unknown-finding-type"),
    FINDING_TYPE_NOT_SELECTED("finding-type-not-selected"),
    BELOW_THRESHOLD("below-threshold"),
    RESOURCE_IS_ACTOR("resource-is-actor"),
    RESOURCE_ROLE_UNKNOWN("resource-role-unknown"),
    NO_REMOTE_IP("no-remote-ip"),
    INVALID_IP("invalid-ip"),
    ALLOW_LISTED("allow-listed"),
    NOT_INTERNET("non-internet-address"),
    ALREADY_BLOCKED("already-blocked"),
    NO_ENFORCEMENT_POINT("no-enforcement-point"),
    // Quarantine, release and the flow-log kill switch.
    UNKNOWN_ACTION("unknown-custom-action"),
    NO_INSTANCE("no-instance"),
    INSTANCE_NOT_FOUND("instance-not-found"),
    INSTANCE_GONE("instance-gone"),
    ALREADY_QUARANTINED("already-quarantined"),
    NOT_QUARANTINED("not-quarantined"),
    UNREADABLE_RECORD("unreadable-record"),
    NO_TRIGGER("no-trigger"),
    UNKNOWN_INTERFACE("unknown-interface"),
    NOT_AN_INSTANCE("not-an-instance"),
    RATE_LIMITED("rate-limited"),
    TERMINATE_NOT_OPTED_IN("terminate-not-opted-in"),
    AUTO_SCALING_MEMBER("auto-scaling-member"),
    // audit of deployed changes
    CHANGE_FAILED("change-failed"),
    OWN_CHANGE("own-change"),
    CLOUDFORMATION_CHANGE("cloudformation-change"),
    RESOURCE_NOT_FOUND("resource-not-found"),
    RESOURCE_UNREADABLE("resource-unreadable"),
    COMPLIANT("compliant");

    private final String wireName;

    SkipReason(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
