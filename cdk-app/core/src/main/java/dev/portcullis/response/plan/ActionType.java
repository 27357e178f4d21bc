package dev.portcullis.response.plan;

import com.fasterxml.jackson.annotation.JsonValue;

/** Every action type of the response stack, with the name it has in plans and state machine payloads. */
public enum ActionType {
    BLOCK_IP("block-ip"),
    UNBLOCK_IP("unblock-ip"),
    QUARANTINE_INSTANCE("quarantine-instance"),
    SNAPSHOT_VOLUME("snapshot-volume"),
    ISOLATE_INSTANCE("isolate-instance"),
    TERMINATE_INSTANCE("terminate-instance"),
    REVOKE_INGRESS("revoke-ingress"),
    RESTORE_PUBLIC_ACCESS_BLOCK("restore-public-access-block"),
    DELETE_FUNCTION_URL("delete-function-url"),
    NOTIFY("notify"),
    UPDATE_FINDING("update-finding"),
    /** Undo a quarantine: restore the recorded security groups (Security Hub custom action "Release"). */
    RELEASE_INSTANCE("release-instance");

    private final String wireName;

    ActionType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
