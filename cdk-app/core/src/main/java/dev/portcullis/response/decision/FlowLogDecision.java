package dev.portcullis.response.decision;

import dev.portcullis.response.config.FlowLogResponse;
import dev.portcullis.response.config.FlowLogSettings;
import dev.portcullis.response.config.QuarantineSettings;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.flowlog.FlowLogRecord;
import dev.portcullis.response.flowlog.FlowLogRecords;
import dev.portcullis.response.instance.InstanceFacts;
import dev.portcullis.response.instance.InterfaceFacts;
import dev.portcullis.response.instance.QuarantineTags;
import dev.portcullis.response.net.Cidr;
import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.net.NonInternetRanges;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.PlannedAction;
import dev.portcullis.response.plan.Skip;
import dev.portcullis.response.plan.SkipReason;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The pure decisions of the flow-log kill switch, in two steps with look-ups between them (done by the caller):
 * {@link #triggers} finds the records that call for a response, {@link #respond} turns them into a plan per instance
 * with the guardrails applied.
 *
 * <p>Which side of a record is the instance, and who started the traffic: with {@code flow-direction} the record
 * says so (egress: {@code srcaddr} is the interface; the remote side is {@code pkt-dstaddr}, else {@code dstaddr}).
 * Without it, the interface's own addresses (DescribeNetworkInterfaces) tell which side is ours. An outbound record
 * is traffic the instance <em>started</em> when its TCP flags show a SYN without ACK, or, without {@code tcp-flags},
 * when the local port is higher than the remote one (a client's ephemeral port towards a service); an outbound reply
 * of a server (source port 443 to an ephemeral port) is not. ICMP sent by the instance counts as started by it.
 */
public final class FlowLogDecision {

    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    /** Individual unreadable-record skips before the rest are only counted. */
    private static final int MAX_LISTED = 10;

    private final ResponseConfig config;
    private final FlowLogRecords reader;

    public FlowLogDecision(ResponseConfig config) {
        this.config = config;
        this.reader = new FlowLogRecords(config.flowLogs().allFormats());
    }

    private FlowLogSettings settings() {
        return config.flowLogs();
    }

    /** The records of a batch, read with the configured formats. */
    public List<FlowLogRecords.Line> read(List<String> lines) {
        return reader.read(lines);
    }

    /** Triggers found and records skipped with their reasons. */
    public record Triage(List<FlowLogTrigger> triggers, List<Skip> skipped) {
        public Triage {
            triggers = List.copyOf(triggers);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * Finds the triggering records.
     *
     * @param interfaces looked-up interfaces by id; a missing key means not looked up (replay), an empty value that
     *                   the interface does not exist
     * @param blocked    which remote addresses the blocklist holds (a live or dry-run record); empty in replay
     */
    public Triage triggers(List<FlowLogRecords.Line> lines, Map<String, Optional<InterfaceFacts>> interfaces,
                           Predicate<IpAddress> blocked) {
        List<FlowLogTrigger> triggers = new ArrayList<>();
        List<Skip> skipped = new ArrayList<>();
        Set<String> skippedInterfaces = new LinkedHashSet<>();
        Map<String, Integer> quiet = new TreeMap<>();
        int unreadable = 0;
        for (FlowLogRecords.Line line : lines) {
            if (line.record().isEmpty()) {
                if (++unreadable <= MAX_LISTED) {
                    skipped.add(new Skip(null, SkipReason.UNREADABLE_RECORD, "'" + clip(line.text()) + "': "
                            + line.problem(), null));
                }
                continue;
            }
            FlowLogRecord record = line.record().get();
            String eni = record.interfaceId();
            if (eni == null || !record.get("log-status").map("OK"::equals).orElse(true)
                    || record.get("action").isEmpty()) {
                count(quiet, "no traffic in the record (log-status " + record.get("log-status").orElse("-") + ")");
                continue;
            }
            Optional<InterfaceFacts> facts = interfaces.containsKey(eni) ? interfaces.get(eni)
                    : Optional.of(assumed(record));
            if (facts.isEmpty()) {
                if (skippedInterfaces.add(eni)) {
                    skipped.add(new Skip(null, SkipReason.UNKNOWN_INTERFACE, eni + " does not exist (deleted since "
                            + "the record was written, or not in this account and region): its records are skipped",
                            null));
                }
                continue;
            }
            if (facts.get().instanceId().isEmpty() && !facts.get().assumed()) {
                if (skippedInterfaces.add(eni)) {
                    skipped.add(new Skip(null, SkipReason.NOT_AN_INSTANCE, eni + " is not attached to an EC2 "
                            + "instance (a NAT gateway, load balancer, Lambda or other managed interface): "
                            + "nothing to isolate", null));
                }
                continue;
            }
            Optional<Direction> direction = direction(record, facts.get());
            if (direction.isEmpty()) {
                count(quiet, facts.get().assumed()
                        ? "direction unknown without the interface's addresses (looked up at run time) or "
                                + "flow-direction"
                        : "neither address is the interface's");
                continue;
            }
            Direction d = direction.get();
            String instanceId = facts.get().instanceId().orElse("<instance of " + eni + ">");
            // Only traffic that reached the instance or left it can be contact; the blocklist (a DynamoDB query per
            // address in AWS) is not asked about rejected inbound attempts.
            boolean contact = d.outbound() || record.accepted();
            Optional<String> bad = badness(d.remote(), contact ? blocked : ip -> false);
            if (bad.isPresent()) {
                if (contact) {
                    triggers.add(new FlowLogTrigger(instanceId, eni, FlowLogTrigger.Kind.KNOWN_BAD_CONTACT,
                            d.remote(), (d.outbound() ? "sent to " : "accepted from ") + d.remote() + " ("
                            + bad.get() + "), " + record.get("action").orElse("") + ": " + clip(record.raw()),
                            record));
                } else {
                    skipped.add(new Skip(d.remote().toString(), SkipReason.NO_TRIGGER, "inbound attempt from "
                            + d.remote() + " (" + bad.get() + ") to " + eni + " was rejected: no contact", null));
                }
                continue;
            }
            if (settings().triggerOnInitiatedReject() && d.outbound() && record.rejected()) {
                Optional<String> started = startedByInstance(record, d);
                if (started.isPresent()) {
                    triggers.add(new FlowLogTrigger(instanceId, eni, FlowLogTrigger.Kind.INITIATED_REJECT, d.remote(),
                            "started traffic to " + d.remote() + " that was rejected (" + started.get() + "): "
                                    + clip(record.raw()), record));
                } else {
                    count(quiet, "outbound REJECT of a reply, not of traffic the instance started");
                }
                continue;
            }
            count(quiet, (d.outbound() ? "outbound " : "inbound ") + record.get("action").orElse("")
                    + (d.outbound() || record.accepted() ? "" : " (an attempt on the instance, not by it)"));
        }
        if (unreadable > MAX_LISTED) {
            skipped.add(new Skip(null, SkipReason.UNREADABLE_RECORD, (unreadable - MAX_LISTED)
                    + " more unreadable records", null));
        }
        quiet.forEach((what, n) -> skipped.add(new Skip(null, SkipReason.NO_TRIGGER, n + (n == 1 ? " record: "
                : " records: ") + what, null)));
        return new Triage(triggers, skipped);
    }

    /**
     * The plan for the triggered instances.
     *
     * @param instances looked-up instances; a missing key means not looked up (replay)
     * @param claimed   whether the rate limit lets the instance be responded to (asked once per instance, in order)
     */
    public Plan respond(List<FlowLogTrigger> triggers, Map<String, Optional<InstanceFacts>> instances,
                        Predicate<String> claimed) {
        boolean dryRun = settings().dryRun();
        Map<String, List<FlowLogTrigger>> byInstance = new LinkedHashMap<>();
        triggers.forEach(t -> byInstance.computeIfAbsent(t.instanceId(), k -> new ArrayList<>()).add(t));
        List<PlannedAction> actions = new ArrayList<>();
        List<Skip> skipped = new ArrayList<>();
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (Map.Entry<String, List<FlowLogTrigger>> entry : byInstance.entrySet()) {
            String instanceId = entry.getKey();
            List<FlowLogTrigger> evidence = entry.getValue();
            String reason = "flow-log kill switch: " + instanceId + " " + evidence.get(0).why()
                    + (evidence.size() > 1 ? " (and " + (evidence.size() - 1) + " more records)" : "");
            Optional<Skip> skip = respond(instanceId, reason, instances, claimed, actions, skipped);
            skip.ifPresent(skipped::add);
            if (skip.isEmpty() || skip.get().code() != SkipReason.RATE_LIMITED) {
                outcomes.put(instanceId, skip.map(s -> s.code().wireName() + ": " + s.reason())
                        .orElse(reason));
            }
        }
        if (!outcomes.isEmpty()) {
            actions.add(notification(outcomes, byInstance, skipped, dryRun));
        }
        return new Plan(dryRun, actions, skipped);
    }

    private Optional<Skip> respond(String instanceId, String reason, Map<String, Optional<InstanceFacts>> instances,
                                   Predicate<String> claimed, List<PlannedAction> actions, List<Skip> skipped) {
        FlowLogResponse response = settings().response();
        QuarantineSettings isolation = config.quarantine();
        boolean lookedUp = instances.containsKey(instanceId);
        InstanceFacts facts = null;
        if (lookedUp) {
            Optional<InstanceFacts> found = instances.get(instanceId);
            if (found.isEmpty()) {
                return Optional.of(new Skip(null, SkipReason.INSTANCE_NOT_FOUND, instanceId + " does not exist "
                        + "any more: nothing to do", null));
            }
            facts = found.get();
            if (facts.gone()) {
                return Optional.of(new Skip(null, SkipReason.INSTANCE_GONE, instanceId + " is " + facts.state()
                        + ": nothing to do", null));
            }
            Optional<String> since = facts.tag(QuarantineTags.QUARANTINED);
            if (since.isPresent()) {
                return Optional.of(new Skip(null, SkipReason.ALREADY_QUARANTINED, instanceId + " is already isolated "
                        + "(since " + since.get() + "): nothing changed", null));
            }
        }
        if (!claimed.test(instanceId)) {
            return Optional.of(new Skip(null, SkipReason.RATE_LIMITED, instanceId + ": the kill switch already "
                    + "responded to it, or to " + settings().maxResponses() + " instances, within "
                    + settings().window().toMinutes() + " minutes", null));
        }
        if (response.terminates() && facts != null) {
            if (!facts.tag(QuarantineTags.TERMINATE_OPT_IN).map("true"::equalsIgnoreCase).orElse(false)) {
                skipped.add(new Skip(null, SkipReason.TERMINATE_NOT_OPTED_IN, instanceId + " is not tagged "
                        + QuarantineTags.TERMINATE_OPT_IN + "=true: snapshotted and isolated instead of terminated",
                        null));
                response = FlowLogResponse.SNAPSHOT_AND_ISOLATE;
            } else if (facts.autoScalingGroup().isPresent() && !settings().terminateAutoScalingMembers()) {
                skipped.add(new Skip(null, SkipReason.AUTO_SCALING_MEMBER, instanceId + " belongs to Auto Scaling "
                        + "group " + facts.autoScalingGroup().get() + " and terminate-auto-scaling-members is false: "
                        + "snapshotted and isolated instead of terminated", null));
                response = FlowLogResponse.SNAPSHOT_AND_ISOLATE;
            }
        }
        if (response.snapshots()) {
            if (facts == null) {
                actions.add(new PlannedAction.SnapshotVolume(null, instanceId, "every EBS volume of the instance, "
                        + "looked up at run time (DescribeInstances); " + reason));
            } else {
                for (String volume : facts.volumeIds()) {
                    actions.add(new PlannedAction.SnapshotVolume(volume, instanceId, "forensic copy: " + reason));
                }
            }
        }
        if (response.isolates()) {
            if (facts == null) {
                actions.add(new PlannedAction.IsolateInstance(instanceId, null, Map.of(), null, List.of(), null,
                        reason + "; looked up at run time: VPC, security groups, Auto Scaling group, target groups"));
            } else {
                actions.add(new PlannedAction.IsolateInstance(instanceId, facts.vpcId(), facts.groupsByInterface(),
                        isolation.detachFromAutoScaling() ? facts.autoScalingGroup().orElse(null) : null,
                        isolation.deregisterTargets() ? facts.targetGroupArns() : List.of(), null, reason));
            }
        }
        if (response.terminates()) {
            actions.add(new PlannedAction.TerminateInstance(instanceId, reason + (facts == null
                    ? "; guardrails checked at run time: the " + QuarantineTags.TERMINATE_OPT_IN + "=true tag, "
                    + "Auto Scaling membership" : "")));
        }
        return Optional.empty();
    }

    private PlannedAction.Notify notification(Map<String, String> outcomes, Map<String, List<FlowLogTrigger>> evidence,
                                              List<Skip> skipped, boolean dryRun) {
        String subject = (dryRun ? "[dry-run] " : "") + "Flow-log kill switch (" + settings().response().wireName()
                + "): " + outcomes.size() + (outcomes.size() == 1 ? " instance" : " instances");
        StringBuilder message = new StringBuilder(dryRun ? "Dry run: nothing was changed.\n" : "");
        outcomes.forEach((instance, outcome) -> {
            message.append(instance).append(": ").append(outcome).append('\n');
            evidence.get(instance).stream().limit(5).forEach(t -> message.append("  ").append(t.why()).append('\n'));
        });
        skipped.stream().filter(s -> s.code() == SkipReason.TERMINATE_NOT_OPTED_IN
                        || s.code() == SkipReason.AUTO_SCALING_MEMBER || s.code() == SkipReason.RATE_LIMITED)
                .forEach(s -> message.append("Guardrail: ").append(s.reason()).append('\n'));
        return new PlannedAction.Notify(subject, message.toString().strip());
    }

    // ---- reading a record --------------------------------------------------------------------------------------

    /** Which side of the record is ours, and whether the traffic left the instance. */
    private record Direction(boolean outbound, IpAddress local, IpAddress remote) {
    }

    private static Optional<Direction> direction(FlowLogRecord record, InterfaceFacts facts) {
        Optional<IpAddress> src = record.address("srcaddr");
        Optional<IpAddress> dst = record.address("dstaddr");
        if (src.isEmpty() || dst.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> flow = record.get("flow-direction");
        if (flow.isPresent()) {
            boolean egress = flow.get().equals("egress");
            if (!egress && !flow.get().equals("ingress")) {
                return Optional.empty();
            }
            return Optional.of(egress
                    ? new Direction(true, src.get(), record.address("pkt-dstaddr").orElse(dst.get()))
                    : new Direction(false, dst.get(), record.address("pkt-srcaddr").orElse(src.get())));
        }
        if (!facts.assumed()) {
            if (facts.addresses().contains(src.get())) {
                return Optional.of(new Direction(true, src.get(), record.address("pkt-dstaddr").orElse(dst.get())));
            }
            if (facts.addresses().contains(dst.get())) {
                return Optional.of(new Direction(false, dst.get(), record.address("pkt-srcaddr").orElse(src.get())));
            }
            return Optional.empty();
        }
        // Replay, nothing looked up: an instance's interface has a private address, so when exactly one side is
        // private, that side is ours.
        boolean srcPrivate = NonInternetRanges.classify(src.get()).isPresent();
        boolean dstPrivate = NonInternetRanges.classify(dst.get()).isPresent();
        if (srcPrivate == dstPrivate) {
            return Optional.empty();
        }
        return Optional.of(srcPrivate ? new Direction(true, src.get(), dst.get())
                : new Direction(false, dst.get(), src.get()));
    }

    /** Why the instance, not the remote side, started the traffic; empty when it did not or cannot be told. */
    private static Optional<String> startedByInstance(FlowLogRecord record, Direction direction) {
        Optional<Integer> protocol = record.number("protocol");
        Optional<Integer> flags = record.number("tcp-flags");
        if (protocol.isPresent() && protocol.get() == 6 && flags.isPresent()) {
            int f = flags.get();
            return (f & SYN) != 0 && (f & ACK) == 0 ? Optional.of("TCP SYN without ACK") : Optional.empty();
        }
        if (protocol.isPresent() && (protocol.get() == 1 || protocol.get() == 58)) {
            return Optional.of("ICMP sent by the instance");
        }
        Optional<Integer> local = record.number("srcport");
        Optional<Integer> remote = record.number("dstport");
        if (local.isPresent() && remote.isPresent() && local.get() > remote.get()) {
            return Optional.of("from local port " + local.get() + " to remote port " + remote.get());
        }
        return Optional.empty();
    }

    private Optional<String> badness(IpAddress remote, Predicate<IpAddress> blocked) {
        for (Cidr cidr : settings().threatList()) {
            if (cidr.contains(remote)) {
                return Optional.of("threat-list entry " + cidr);
            }
        }
        // The blocklist never holds addresses that cannot be internet attackers (the block decision refuses them).
        return NonInternetRanges.classify(remote).isEmpty() && blocked.test(remote)
                ? Optional.of("in the blocklist") : Optional.empty();
    }

    private static InterfaceFacts assumed(FlowLogRecord record) {
        return new InterfaceFacts(record.interfaceId(), record.get("instance-id"), Set.of(), true);
    }

    private static void count(Map<String, Integer> counts, String what) {
        counts.merge(what, 1, Integer::sum);
    }

    private static String clip(String text) {
        String one = text.strip().replaceAll("\\s+", " ");
        return one.length() <= 200 ? one : one.substring(0, 197) + "...";
    }
}
