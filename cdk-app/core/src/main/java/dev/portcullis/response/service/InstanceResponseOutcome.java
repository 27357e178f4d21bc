package dev.portcullis.response.service;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * What executing an instance response did: each action done or failed (with the AWS error), and whether people
 * were told. {@code dryRun}: only the notification was sent.
 */
@JsonPropertyOrder({"dryRun", "done", "failed", "notified"})
public record InstanceResponseOutcome(boolean dryRun, List<String> done, List<String> failed, boolean notified) {

    public InstanceResponseOutcome {
        done = List.copyOf(done);
        failed = List.copyOf(failed);
    }
}
