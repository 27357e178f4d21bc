package dev.portcullis.response.decision;

import dev.portcullis.response.config.QuarantineSettings;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.finding.CustomAction;
import dev.portcullis.response.finding.CustomActionEvent;
import dev.portcullis.response.finding.CustomActionEvent.ActionFinding;
import dev.portcullis.response.finding.EventProblem;
import dev.portcullis.response.instance.InstanceFacts;
import dev.portcullis.response.instance.QuarantineTags;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.PlannedAction;
import dev.portcullis.response.plan.Skip;
import dev.portcullis.response.plan.SkipReason;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The pure decision behind the Security Hub custom actions: for Quarantine, which instances to detach, deregister,
 * isolate and snapshot; for Release, which to give their recorded groups back; and why every other instance is left
 * alone. Instance facts come in looked up already: a missing key means "not looked up" (replay without AWS), an
 * empty value means "no such instance". Every instance is handled once, however many findings name it.
 */
public final class QuarantineDecision {

    private final ResponseConfig config;

    public QuarantineDecision(ResponseConfig config) {
        this.config = config;
    }

    private QuarantineSettings settings() {
        return config.quarantine();
    }

    /** The problems of a leniently read event, as skips: the readable findings are still decided. */
    public static List<Skip> problems(List<EventProblem> problems) {
        return problems.stream().map(p -> new Skip(null, SkipReason.MALFORMED_EVENT, p.toString(), null)).toList();
    }

    public Plan decide(CustomActionEvent event, Map<String, Optional<InstanceFacts>> facts) {
        boolean dryRun = settings().dryRun();
        if (event.action().isEmpty()) {
            return Plan.skippedOnly(dryRun, List.of(new Skip(null, SkipReason.UNKNOWN_ACTION, "custom action "
                    + event.actionArn() + " is not one of the stack's ("
                    + java.util.Arrays.stream(CustomAction.values()).map(CustomAction::id)
                    .collect(Collectors.joining(", ")) + ")", null)));
        }
        CustomAction action = event.action().get();
        List<PlannedAction> actions = new ArrayList<>();
        List<Skip> skipped = new ArrayList<>();
        Map<String, List<String>> findingsByInstance = new LinkedHashMap<>();
        Map<String, String> outcomeByInstance = new LinkedHashMap<>();
        for (ActionFinding finding : event.findings()) {
            if (finding.instanceIds().isEmpty()) {
                skipped.add(new Skip(null, SkipReason.NO_INSTANCE, "finding " + finding.id()
                        + " names no EC2 instance (no AwsEc2Instance resource)", finding.id()));
            }
            finding.instanceIds().forEach(id -> findingsByInstance.computeIfAbsent(id, k -> new ArrayList<>())
                    .add(finding.id()));
        }
        for (Map.Entry<String, List<String>> entry : findingsByInstance.entrySet()) {
            String instanceId = entry.getKey();
            String findingId = entry.getValue().get(0);
            String reason = "Security Hub custom action " + action.displayName() + " on finding"
                    + (entry.getValue().size() == 1 ? " " : "s ") + String.join(", ", entry.getValue());
            Optional<Skip> skip;
            if (action == CustomAction.QUARANTINE) {
                skip = quarantine(instanceId, findingId, reason, facts, actions);
            } else {
                skip = release(instanceId, findingId, reason, facts, actions);
            }
            skip.ifPresent(skipped::add);
            outcomeByInstance.put(instanceId, skip.map(s -> s.code().wireName() + ": " + s.reason())
                    .orElse(action == CustomAction.QUARANTINE ? "quarantined" : "released"));
        }
        actions.add(notification(action, event, outcomeByInstance, dryRun));
        if (!dryRun) {
            for (ActionFinding finding : event.findings()) {
                actions.add(new PlannedAction.UpdateFinding(finding.id(), finding.productArn(),
                        note(action, finding, outcomeByInstance), ResponseConfig.NOTE_AUTHOR,
                        BlockDecision.NOTIFIED));
            }
        }
        return new Plan(dryRun, actions, skipped);
    }

    private Optional<Skip> quarantine(String instanceId, String findingId, String reason,
                                      Map<String, Optional<InstanceFacts>> facts, List<PlannedAction> actions) {
        if (!facts.containsKey(instanceId)) {
            actions.add(new PlannedAction.QuarantineInstance(instanceId, null, Map.of(), null, List.of(), findingId,
                    reason + "; looked up at run time: the instance's VPC and security groups (DescribeInstances),"
                            + " its Auto Scaling group (DescribeAutoScalingInstances) and target groups"
                            + " (DescribeTargetHealth)"));
            if (settings().snapshotVolumes()) {
                actions.add(new PlannedAction.SnapshotVolume(null, instanceId, "every EBS volume of the instance, "
                        + "looked up at run time (DescribeInstances); forensic copy: " + reason));
            }
            return Optional.empty();
        }
        Optional<Skip> absent = absent(instanceId, findingId, facts.get(instanceId));
        if (absent.isPresent()) {
            return absent;
        }
        InstanceFacts instance = facts.get(instanceId).get();
        Optional<String> since = instance.tag(QuarantineTags.QUARANTINED);
        if (since.isPresent()) {
            return Optional.of(new Skip(null, SkipReason.ALREADY_QUARANTINED, instanceId + " is already quarantined"
                    + " (since " + since.get() + instance.tag(QuarantineTags.FINDING).map(f -> ", finding " + f)
                    .orElse("") + "): nothing changed", findingId));
        }
        actions.add(new PlannedAction.QuarantineInstance(instanceId, instance.vpcId(), instance.groupsByInterface(),
                settings().detachFromAutoScaling() ? instance.autoScalingGroup().orElse(null) : null,
                settings().deregisterTargets() ? instance.targetGroupArns() : List.of(), findingId, reason));
        if (settings().snapshotVolumes()) {
            for (String volume : instance.volumeIds()) {
                actions.add(new PlannedAction.SnapshotVolume(volume, instanceId, "forensic copy: " + reason));
            }
        }
        return Optional.empty();
    }

    private Optional<Skip> release(String instanceId, String findingId, String reason,
                                   Map<String, Optional<InstanceFacts>> facts, List<PlannedAction> actions) {
        if (!facts.containsKey(instanceId)) {
            actions.add(new PlannedAction.ReleaseInstance(instanceId, Map.of(), findingId, reason
                    + "; looked up at run time: the groups recorded in the instance's "
                    + QuarantineTags.GROUPS_PREFIX + "* tags"));
            return Optional.empty();
        }
        Optional<Skip> absent = absent(instanceId, findingId, facts.get(instanceId));
        if (absent.isPresent()) {
            return absent;
        }
        InstanceFacts instance = facts.get(instanceId).get();
        Map<String, List<String>> recorded = QuarantineTags.recordedGroups(instance.tags());
        if (instance.tag(QuarantineTags.QUARANTINED).isEmpty() && recorded.isEmpty()) {
            return Optional.of(new Skip(null, SkipReason.NOT_QUARANTINED, instanceId + " is not quarantined (no "
                    + QuarantineTags.QUARANTINED + " tag): nothing changed", findingId));
        }
        if (recorded.isEmpty()) {
            return Optional.of(new Skip(null, SkipReason.NOT_QUARANTINED, instanceId + " is tagged quarantined but "
                    + "has no recorded groups (" + QuarantineTags.GROUPS_PREFIX + "* tags); restore its groups by hand",
                    findingId));
        }
        actions.add(new PlannedAction.ReleaseInstance(instanceId, recorded, findingId, reason));
        return Optional.empty();
    }

    private static Optional<Skip> absent(String instanceId, String findingId, Optional<InstanceFacts> facts) {
        if (facts.isEmpty()) {
            return Optional.of(new Skip(null, SkipReason.INSTANCE_NOT_FOUND, instanceId + " does not exist (or is "
                    + "not in this account and region): nothing to do", findingId));
        }
        if (facts.get().gone()) {
            return Optional.of(new Skip(null, SkipReason.INSTANCE_GONE, instanceId + " is " + facts.get().state()
                    + ": nothing to do", findingId));
        }
        return Optional.empty();
    }

    private static PlannedAction.Notify notification(CustomAction action, CustomActionEvent event,
                                                     Map<String, String> outcomes, boolean dryRun) {
        String subject = (dryRun ? "[dry-run] " : "") + action.displayName() + ": " + outcomes.size()
                + (outcomes.size() == 1 ? " instance" : " instances") + " from " + event.findings().size()
                + (event.findings().size() == 1 ? " finding" : " findings");
        StringBuilder message = new StringBuilder(dryRun ? "Dry run: nothing was changed.\n" : "");
        outcomes.forEach((instance, outcome) -> message.append(instance).append(": ").append(outcome).append('\n'));
        for (ActionFinding finding : event.findings()) {
            message.append("Finding ").append(finding.id());
            if (!finding.title().isEmpty()) {
                message.append(": ").append(finding.title());
            }
            message.append('\n');
        }
        message.append("Account ").append(event.account()).append(' ').append(event.region());
        return new PlannedAction.Notify(subject, message.toString());
    }

    private static String note(CustomAction action, ActionFinding finding, Map<String, String> outcomes) {
        String text;
        if (finding.instanceIds().isEmpty()) {
            text = "Portcullis " + action.displayName() + ": this finding names no EC2 instance; nothing changed";
        } else {
            text = "Portcullis " + action.displayName() + ": " + finding.instanceIds().stream()
                    .map(id -> id + " " + outcomes.get(id)).collect(Collectors.joining("; "));
        }
        // Security Hub limits Note.Text to 512 characters.
        return text.length() <= 512 ? text : text.substring(0, 509) + "...";
    }
}
