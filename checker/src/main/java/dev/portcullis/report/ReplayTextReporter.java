package dev.portcullis.report;

import java.io.IOException;
import java.io.Writer;
import java.util.stream.Collectors;

import dev.portcullis.response.config.Backend;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.events.ReplayResult;
import dev.portcullis.response.plan.PlannedAction;
import dev.portcullis.response.plan.PlannedAction.BlockIp;
import dev.portcullis.response.plan.PlannedAction.DeleteFunctionUrl;
import dev.portcullis.response.plan.PlannedAction.RestorePublicAccessBlock;
import dev.portcullis.response.plan.PlannedAction.IsolateInstance;
import dev.portcullis.response.plan.PlannedAction.Notify;
import dev.portcullis.response.plan.PlannedAction.QuarantineInstance;
import dev.portcullis.response.plan.PlannedAction.ReleaseInstance;
import dev.portcullis.response.plan.PlannedAction.RevokeIngress;
import dev.portcullis.response.plan.PlannedAction.SnapshotVolume;
import dev.portcullis.response.plan.PlannedAction.TerminateInstance;
import dev.portcullis.response.plan.PlannedAction.UnblockIp;
import dev.portcullis.response.plan.PlannedAction.UpdateFinding;
import dev.portcullis.response.plan.Skip;

/**
 * The replay plan for people: the configuration it was decided under, the rules the event matched, one line per
 * planned action and one per skip with its reason. Always says that nothing was enforced.
 */
public final class ReplayTextReporter implements ReplayReporter {

    @Override
    public void write(ReplayResult result, ResponseConfig config, Writer out) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("Dry run: nothing is blocked, stored or sent.\n");
        text.append("Configuration: backends ")
                .append(config.backends().stream().map(Backend::wireName).collect(Collectors.joining(", ")))
                .append("; min severity ").append(config.minSeverity())
                .append("; block lifetime ").append(config.blockLifetime().toHours()).append(" h")
                .append("; allow-list ").append(config.allowList().isEmpty() ? "(none)"
                        : config.allowList().stream().map(Object::toString).collect(Collectors.joining(", ")))
                .append('\n');
        text.append("Matched rules: ").append(result.matchedRules().isEmpty() ? "(none)"
                : String.join(", ", result.matchedRules())).append('\n');

        text.append('\n').append(heading("Actions", result.actions().size())).append('\n');
        for (PlannedAction action : result.actions()) {
            text.append("  ").append(String.format("%-19s ", action.actionType().wireName())).append(oneLine(describe(action)))
                    .append('\n');
        }
        text.append('\n').append(heading("Skipped", result.skipped().size())).append('\n');
        for (Skip skip : result.skipped()) {
            text.append("  ").append(String.format("%-19s ", skip.ip() == null ? "(event)" : oneLine(skip.ip())))
                    .append(skip.code().wireName()).append(": ").append(oneLine(skip.reason())).append('\n');
        }
        out.write(text.toString());
        out.flush();
    }

    private static String heading(String name, int count) {
        return name + (count == 0 ? ": none" : " (" + count + "):");
    }

    private static String describe(PlannedAction action) {
        if (action instanceof BlockIp block) {
            String line = block.ip() + " at " + block.enforcer().wireName() + " until " + block.expiresAt()
                    + " (" + block.findingType() + ", severity " + block.severity();
            if (block.instanceId() != null) {
                line += ", instance " + block.instanceId();
            }
            return line + ")";
        }
        if (action instanceof UnblockIp unblock) {
            return unblock.ip() + " at " + unblock.enforcer().wireName() + ": " + unblock.reason();
        }
        if (action instanceof Notify notify) {
            return oneLine(notify.subject());
        }
        if (action instanceof UpdateFinding update) {
            return update.findingId() + " workflow " + update.workflowStatus() + ": " + oneLine(update.note());
        }
        if (action instanceof QuarantineInstance quarantine) {
            return quarantine.instanceId() + ": " + oneLine(quarantine.reason());
        }
        if (action instanceof IsolateInstance isolate) {
            return isolate.instanceId() + ": " + oneLine(isolate.reason());
        }
        if (action instanceof TerminateInstance terminate) {
            return terminate.instanceId() + ": " + oneLine(terminate.reason());
        }
        if (action instanceof SnapshotVolume snapshot) {
            return (snapshot.volumeId() == null ? "every volume" : snapshot.volumeId()) + " of "
                    + snapshot.instanceId() + ": " + oneLine(snapshot.reason());
        }
        if (action instanceof ReleaseInstance release) {
            return release.instanceId() + ": " + oneLine(release.reason());
        }
        if (action instanceof RevokeIngress revoke) {
            String ports = revoke.fromPort() == null ? "all traffic" : revoke.fromPort().equals(revoke.toPort())
                    ? revoke.ipProtocol() + " " + revoke.fromPort()
                    : revoke.ipProtocol() + " " + revoke.fromPort() + "-" + revoke.toPort();
            return ports + " from " + revoke.cidr() + " on " + revoke.securityGroupId() + " (changed by "
                    + revoke.changedBy() + "): " + oneLine(revoke.reason());
        }
        if (action instanceof RestorePublicAccessBlock restore) {
            return "bucket " + restore.bucket() + " (changed by " + restore.changedBy() + "): "
                    + oneLine(restore.reason());
        }
        if (action instanceof DeleteFunctionUrl delete) {
            return delete.functionName() + (delete.qualifier() == null ? "" : ":" + delete.qualifier())
                    + " (changed by " + delete.changedBy() + "): " + oneLine(delete.reason());
        }
        throw new IllegalArgumentException("no text form for " + action.actionType());
    }

    /** Reasons, subjects and addresses come from event data: one entry per line, no terminal escapes. */
    private static String oneLine(String text) {
        return text == null ? "" : TerminalText.oneLine(text.strip());
    }
}
