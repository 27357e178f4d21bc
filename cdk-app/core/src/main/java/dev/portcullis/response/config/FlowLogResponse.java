package dev.portcullis.response.config;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Optional;

/** What the flow-log kill switch does to an instance that triggered it. */
public enum FlowLogResponse {
    NOTIFY("notify", false, false, false),
    ISOLATE("isolate", false, true, false),
    SNAPSHOT_AND_ISOLATE("snapshot-and-isolate", true, true, false),
    SNAPSHOT_AND_TERMINATE("snapshot-and-terminate", true, false, true);

    private final String wireName;
    private final boolean snapshots;
    private final boolean isolates;
    private final boolean terminates;

    FlowLogResponse(String wireName, boolean snapshots, boolean isolates, boolean terminates) {
        this.wireName = wireName;
        this.snapshots = snapshots;
        this.isolates = isolates;
        this.terminates = terminates;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public boolean snapshots() {
        return snapshots;
    }

    public boolean isolates() {
        return isolates;
    }

    public boolean terminates() {
        return terminates;
    }

    public static Optional<FlowLogResponse> parse(String text) {
        for (FlowLogResponse value : values()) {
            if (value.wireName.equals(text)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
