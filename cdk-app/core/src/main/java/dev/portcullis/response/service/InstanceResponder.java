package dev.portcullis.response.service;

import dev.portcullis.response.instance.QuarantineTags;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.PlannedAction;
import dev.portcullis.response.port.FindingStatus;
import dev.portcullis.response.port.InstanceIsolation;
import dev.portcullis.response.port.Notifier;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Carries out a quarantine, release or kill-switch plan over the ports, in plan order, one action at a time. A failed
 * action does not stop the others (another instance still gets isolated), except that an instance whose snapshot
 * failed is never terminated: the evidence comes first. People are told what was done and what failed, and only then
 * are Security Hub findings marked. In dry-run only the notification is sent.
 */
public final class InstanceResponder {

    private final InstanceIsolation isolation;
    private final Notifier notifier;
    private final FindingStatus findingStatus;
    private final Clock clock;

    public InstanceResponder(InstanceIsolation isolation, Notifier notifier, FindingStatus findingStatus, Clock clock) {
        this.isolation = isolation;
        this.notifier = notifier;
        this.findingStatus = findingStatus;
        this.clock = clock;
    }

    public InstanceResponseOutcome execute(Plan plan) {
        List<String> done = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Set<String> snapshotFailed = new HashSet<>();
        List<PlannedAction.UpdateFinding> updates = new ArrayList<>();
        PlannedAction.Notify notice = null;
        for (PlannedAction action : plan.actions()) {
            if (action instanceof PlannedAction.Notify n) {
                notice = n;
                continue;
            }
            if (action instanceof PlannedAction.UpdateFinding u) {
                updates.add(u);
                continue;
            }
            if (plan.dryRun()) {
                continue;
            }
            String label = action.actionType().wireName() + " " + subject(action);
            try {
                String result = run(action, snapshotFailed);
                done.add(label + (result.isEmpty() ? "" : ": " + result));
            } catch (RuntimeException e) {
                failed.add(label + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                if (action instanceof PlannedAction.SnapshotVolume s) {
                    snapshotFailed.add(s.instanceId());
                }
            }
        }
        boolean notified = false;
        if (notice != null) {
            try {
                notifier.send(report(notice, done, failed, plan.dryRun()));
                notified = true;
            } catch (RuntimeException e) {
                failed.add("notify: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        for (PlannedAction.UpdateFinding update : updates) {
            try {
                findingStatus.markNotified(update);
                done.add("update-finding " + update.findingId());
            } catch (RuntimeException e) {
                failed.add("update-finding " + update.findingId() + ": " + e.getClass().getSimpleName() + ": "
                        + e.getMessage());
            }
        }
        return new InstanceResponseOutcome(plan.dryRun(), done, failed, notified);
    }

    private String run(PlannedAction action, Set<String> snapshotFailed) {
        if (action instanceof PlannedAction.QuarantineInstance q) {
            return isolate(q.instanceId(), q.vpcId(), q.groupsByInterface(), q.autoScalingGroup(), q.targetGroupArns(),
                    q.findingId(), q.reason());
        }
        if (action instanceof PlannedAction.IsolateInstance i) {
            return isolate(i.instanceId(), i.vpcId(), i.groupsByInterface(), i.autoScalingGroup(), i.targetGroupArns(),
                    i.findingId(), i.reason());
        }
        if (action instanceof PlannedAction.ReleaseInstance r) {
            r.restoreGroups().forEach(isolation::replaceGroups);
            List<String> keys = new ArrayList<>(QuarantineTags.groups(r.restoreGroups()).keySet());
            keys.addAll(List.of(QuarantineTags.QUARANTINED, QuarantineTags.REASON, QuarantineTags.FINDING));
            isolation.untag(r.instanceId(), keys);
            return "groups restored on " + String.join(", ", r.restoreGroups().keySet());
        }
        if (action instanceof PlannedAction.SnapshotVolume s) {
            if (s.volumeId() == null) {
                throw new IllegalStateException("the plan names no volume (made without looking the instance up)");
            }
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put(QuarantineTags.FORENSICS, "true");
            tags.put("portcullis:instance", s.instanceId());
            tags.put("portcullis:taken-at", clock.instant().toString());
            tags.put("portcullis:reason", s.reason().length() <= 256 ? s.reason() : s.reason().substring(0, 253) + "...");
            return isolation.snapshot(s.volumeId(), "Portcullis forensic snapshot of " + s.volumeId() + " ("
                    + s.instanceId() + ")", tags);
        }
        if (action instanceof PlannedAction.TerminateInstance t) {
            if (snapshotFailed.contains(t.instanceId())) {
                throw new IllegalStateException("a snapshot of the instance failed: not terminated, so the "
                        + "evidence is kept");
            }
            isolation.terminate(t.instanceId());
            return "";
        }
        throw new IllegalArgumentException(action.actionType().wireName() + " is not an instance action");
    }

    private String isolate(String instanceId, String vpcId, Map<String, List<String>> groups, String autoScalingGroup,
                           List<String> targetGroups, String findingId, String reason) {
        if (vpcId == null || groups.isEmpty()) {
            throw new IllegalStateException("the plan names no VPC or network interface (made without looking the "
                    + "instance up)");
        }
        // Out of the group and its load balancers first: isolated, the instance would fail its health checks and be
        // terminated by the group, evidence and all.
        if (autoScalingGroup != null) {
            isolation.detachFromAutoScalingGroup(instanceId, autoScalingGroup);
        }
        targetGroups.forEach(arn -> isolation.deregisterTarget(arn, instanceId));
        // The groups are recorded before they are replaced, so a swap that fails halfway can still be released.
        isolation.tag(instanceId, QuarantineTags.groups(groups));
        String group = isolation.isolationGroup(vpcId);
        groups.keySet().forEach(eni -> isolation.replaceGroups(eni, List.of(group)));
        isolation.tag(instanceId, QuarantineTags.quarantine(clock.instant(), reason, findingId, groups));
        return "isolation group " + group + (autoScalingGroup == null ? "" : ", detached from " + autoScalingGroup)
                + (targetGroups.isEmpty() ? "" : ", deregistered from " + targetGroups.size() + " target groups");
    }

    private static String subject(PlannedAction action) {
        if (action instanceof PlannedAction.SnapshotVolume s) {
            return s.volumeId() + " of " + s.instanceId();
        }
        if (action instanceof PlannedAction.QuarantineInstance q) {
            return q.instanceId();
        }
        if (action instanceof PlannedAction.IsolateInstance i) {
            return i.instanceId();
        }
        if (action instanceof PlannedAction.ReleaseInstance r) {
            return r.instanceId();
        }
        if (action instanceof PlannedAction.TerminateInstance t) {
            return t.instanceId();
        }
        return "";
    }

    private static PlannedAction.Notify report(PlannedAction.Notify notice, List<String> done, List<String> failed,
                                               boolean dryRun) {
        if (dryRun) {
            return notice;
        }
        StringBuilder message = new StringBuilder(notice.message());
        if (!done.isEmpty()) {
            message.append("\n\nDone:\n  ").append(String.join("\n  ", done));
        }
        if (!failed.isEmpty()) {
            message.append("\n\nFAILED:\n  ").append(String.join("\n  ", failed));
        }
        String subject = notice.subject() + (failed.isEmpty() ? "" : " (" + failed.size() + " failed)");
        return new PlannedAction.Notify(subject, message.toString());
    }
}
