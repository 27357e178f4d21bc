package dev.portcullis.response.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.PlannedAction;
import dev.portcullis.response.port.InstanceIsolation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The order in which an instance response is carried out and what a failure stops. The AWS behaviour is tested
 * against moto_server in the Lambda module; here a recording double of the port shows the calls in order.
 */
class InstanceResponderTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:21:09Z"), ZoneOffset.UTC);

    /** Test double: records every call; fails the calls named in {@code failing}. */
    static final class RecordingIsolation implements InstanceIsolation {
        final List<String> calls = new ArrayList<>();
        final List<String> failing = new ArrayList<>();

        private void call(String what) {
            calls.add(what);
            if (failing.stream().anyMatch(what::startsWith)) {
                throw new IllegalStateException(what + " failed");
            }
        }

        @Override
        public String isolationGroup(String vpcId) {
            call("isolationGroup " + vpcId);
            return "sg-iso";
        }

        @Override
        public void replaceGroups(String interfaceId, List<String> groupIds) {
            call("replaceGroups " + interfaceId + " " + groupIds);
        }

        @Override
        public void tag(String instanceId, Map<String, String> tags) {
            call("tag " + instanceId + " " + new java.util.TreeMap<>(tags).keySet());
        }

        @Override
        public void untag(String instanceId, List<String> keys) {
            call("untag " + instanceId + " " + keys);
        }

        @Override
        public String snapshot(String volumeId, String description, Map<String, String> tags) {
            call("snapshot " + volumeId);
            return "snap-" + volumeId;
        }

        @Override
        public void detachFromAutoScalingGroup(String instanceId, String autoScalingGroup) {
            call("detach " + instanceId + " " + autoScalingGroup);
        }

        @Override
        public void deregisterTarget(String targetGroupArn, String instanceId) {
            call("deregister " + instanceId + " " + targetGroupArn);
        }

        @Override
        public void terminate(String instanceId) {
            call("terminate " + instanceId);
        }
    }

    @Test
    void containmentLeavesGroupAndLoadBalancerFirstAndRecordsGroupsBeforeSwappingThem() {
        RecordingIsolation isolation = new RecordingIsolation();
        RecordingNotifier notifier = new RecordingNotifier();
        InstanceResponseOutcome outcome = new InstanceResponder(isolation, notifier, u -> { }, CLOCK).execute(new Plan(
                false, List.of(new PlannedAction.QuarantineInstance("i-1", "vpc-1", Map.of("eni-1", List.of("sg-a")),
                        "workers", List.of("arn:tg"), "f-1", "why"), new PlannedAction.Notify("s", "m")), List.of()));
        assertEquals(List.of("detach i-1 workers", "deregister i-1 arn:tg", "tag i-1 [portcullis:groups:eni-1]",
                "isolationGroup vpc-1", "replaceGroups eni-1 [sg-iso]",
                "tag i-1 [portcullis:groups:eni-1, portcullis:quarantine-finding, portcullis:quarantine-reason, "
                        + "portcullis:quarantined]"), isolation.calls);
        assertEquals(List.of(), outcome.failed());
        assertTrue(notifier.sent.get(0).message().contains("Done:"), notifier.sent.toString());
    }

    @Test
    void anInstanceWhoseSnapshotFailedIsNotTerminatedAndPeopleAreTold() {
        RecordingIsolation isolation = new RecordingIsolation();
        isolation.failing.add("snapshot vol-2");
        RecordingNotifier notifier = new RecordingNotifier();
        InstanceResponseOutcome outcome = new InstanceResponder(isolation, notifier, u -> { }, CLOCK).execute(new Plan(
                false, List.of(new PlannedAction.SnapshotVolume("vol-1", "i-1", "r"),
                        new PlannedAction.SnapshotVolume("vol-2", "i-1", "r"),
                        new PlannedAction.TerminateInstance("i-1", "r"),
                        new PlannedAction.SnapshotVolume("vol-3", "i-2", "r"),
                        new PlannedAction.TerminateInstance("i-2", "r"),
                        new PlannedAction.Notify("Kill switch", "m")), List.of()));
        assertEquals(List.of("snapshot vol-1", "snapshot vol-2", "snapshot vol-3", "terminate i-2"), isolation.calls);
        assertEquals(2, outcome.failed().size(), outcome.toString());
        assertTrue(outcome.failed().get(1).contains("not terminated, so the evidence is kept"), outcome.toString());
        assertEquals("Kill switch (2 failed)", notifier.sent.get(0).subject());
    }

    @Test
    void dryRunOnlyNotifies() {
        RecordingIsolation isolation = new RecordingIsolation();
        RecordingNotifier notifier = new RecordingNotifier();
        List<PlannedAction.UpdateFinding> marked = new ArrayList<>();
        InstanceResponseOutcome outcome = new InstanceResponder(isolation, notifier, marked::add, CLOCK).execute(
                new Plan(true, List.of(new PlannedAction.TerminateInstance("i-1", "r"),
                        new PlannedAction.Notify("[dry-run] s", "m")), List.of()));
        assertEquals(List.of(), isolation.calls);
        assertEquals(1, notifier.sent.size());
        assertTrue(outcome.dryRun() && outcome.notified());
    }

    @Test
    void releaseRestoresEachInterfaceThenRemovesOurTags() {
        RecordingIsolation isolation = new RecordingIsolation();
        new InstanceResponder(isolation, n -> { }, u -> { }, CLOCK).execute(new Plan(false, List.of(
                new PlannedAction.ReleaseInstance("i-1", Map.of("eni-1", List.of("sg-a", "sg-b")), "f", "r")),
                List.of()));
        assertEquals(List.of("replaceGroups eni-1 [sg-a, sg-b]", "untag i-1 [portcullis:groups:eni-1, "
                + "portcullis:quarantined, portcullis:quarantine-reason, portcullis:quarantine-finding]"), isolation.calls);
    }
}
