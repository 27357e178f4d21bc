package dev.portcullis.response.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.response.Fixtures;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.finding.CustomAction;
import dev.portcullis.response.finding.CustomActionEvent;
import dev.portcullis.response.finding.CustomActionEvents;
import dev.portcullis.response.instance.InstanceFacts;
import dev.portcullis.response.plan.ActionType;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.PlannedAction;
import dev.portcullis.response.plan.Skip;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Quarantine / Release decision over the fixtures, with instance facts as the handler would look them up. */
class QuarantineDecisionTest {

    private static final String WEB = "i-0a1b2c3d4e5f60718";
    private static final String WORKER = "i-0b2c3d4e5f6a70829";
    private static final ResponseConfig CONFIG = ResponseConfig.defaults();

    @Test
    void readsTheActionAndEveryInstanceOfEveryFinding() throws Exception {
        CustomActionEvent event = event("custom-action-quarantine.json");
        assertEquals(Optional.of(CustomAction.QUARANTINE), event.action());
        assertEquals(3, event.findings().size());
        assertEquals(List.of(WEB), event.findings().get(0).instanceIds());
        assertEquals(List.of(WORKER, WEB), event.findings().get(1).instanceIds());
        assertEquals(List.of(), event.findings().get(2).instanceIds(), "an access-key finding");
        assertEquals(Optional.of(CustomAction.RELEASE), event("custom-action-release.json").action());
    }

    @Test
    void quarantinesEachInstanceOnceWithItsLookedUpDetails() throws Exception {
        Map<String, Optional<InstanceFacts>> facts = Map.of(
                WEB, Optional.of(instance(WEB, Map.of(), Optional.empty(), List.of("arn:tg/web"))),
                WORKER, Optional.of(instance(WORKER, Map.of(), Optional.of("workers"), List.of())));
        Plan plan = new QuarantineDecision(CONFIG).decide(event("custom-action-quarantine.json"), facts);
        List<PlannedAction.QuarantineInstance> quarantines = plan.actionsOf(PlannedAction.QuarantineInstance.class);
        assertEquals(List.of(WEB, WORKER), quarantines.stream().map(PlannedAction.QuarantineInstance::instanceId).toList());
        assertEquals(List.of("arn:tg/web"), quarantines.get(0).targetGroupArns());
        assertEquals("workers", quarantines.get(1).autoScalingGroup());
        assertEquals(Map.of("eni-" + WEB.substring(2), List.of("sg-0aaa1111bbbb2222c")), quarantines.get(0).groupsByInterface());
        assertTrue(quarantines.get(0).reason().contains("findings"), "named by two findings");
        assertEquals(List.of("vol-1" + WEB.substring(3), "vol-1" + WORKER.substring(3)),
                plan.actionsOf(PlannedAction.SnapshotVolume.class).stream().map(PlannedAction.SnapshotVolume::volumeId).toList());
        assertEquals(3, plan.actionsOf(PlannedAction.UpdateFinding.class).size(), "every finding gets a note");
        assertEquals(List.of("no-instance"), codes(plan));
        assertEquals(1, plan.actionsOf(PlannedAction.Notify.class).size());
    }

    @Test
    void settingsTurnStepsOff() throws Exception {
        ResponseConfig lean = ResponseConfig.parse("quarantine: {detach-from-auto-scaling: false, "
                + "deregister-targets: false, snapshot-volumes: false}", "t.yaml");
        Map<String, Optional<InstanceFacts>> facts = Map.of(
                WEB, Optional.of(instance(WEB, Map.of(), Optional.empty(), List.of("arn:tg/web"))),
                WORKER, Optional.of(instance(WORKER, Map.of(), Optional.of("workers"), List.of())));
        Plan plan = new QuarantineDecision(lean).decide(event("custom-action-quarantine.json"), facts);
        assertTrue(plan.actionsOf(PlannedAction.SnapshotVolume.class).isEmpty());
        plan.actionsOf(PlannedAction.QuarantineInstance.class).forEach(q -> {
            assertNull(q.autoScalingGroup());
            assertEquals(List.of(), q.targetGroupArns());
        });
    }

    @Test
    void alreadyQuarantinedGoneAndUnknownInstancesAreNoOpsWithNotes() throws Exception {
        Map<String, Optional<InstanceFacts>> facts = new HashMap<>();
        facts.put(WEB, Optional.of(instance(WEB, Map.of("portcullis:quarantined", "2026-11-20T10:21:09Z",
                "portcullis:quarantine-finding", "f-1"), Optional.empty(), List.of())));
        facts.put(WORKER, Optional.empty());
        Plan plan = new QuarantineDecision(CONFIG).decide(event("custom-action-quarantine.json"), facts);
        assertEquals(List.of(), plan.actionsOf(PlannedAction.QuarantineInstance.class));
        assertEquals(List.of(), plan.actionsOf(PlannedAction.SnapshotVolume.class));
        assertEquals(List.of("already-quarantined", "instance-not-found", "no-instance"), codes(plan));
        Skip already = plan.skipped().stream().filter(s -> s.code().wireName().equals("already-quarantined"))
                .findFirst().orElseThrow();
        assertTrue(already.reason().contains("since 2026-11-20T10:21:09Z, finding f-1"), already.reason());
        assertTrue(plan.actionsOf(PlannedAction.Notify.class).get(0).message().contains("already-quarantined"));
        assertTrue(plan.actionsOf(PlannedAction.UpdateFinding.class).get(0).note().contains("already-quarantined"));

        facts.put(WORKER, Optional.of(new InstanceFacts(WORKER, "terminated", "vpc-1", Map.of(), Map.of(), List.of(),
                Optional.empty(), List.of())));
        assertTrue(codes(new QuarantineDecision(CONFIG).decide(event("custom-action-quarantine.json"), facts))
                .contains("instance-gone"));
    }

    @Test
    void releaseRestoresTheRecordedGroupsAndNeedsAQuarantine() throws Exception {
        Map<String, String> tags = Map.of("portcullis:quarantined", "2026-11-20T10:21:09Z",
                "portcullis:groups:eni-1", "sg-a sg-b", "portcullis:groups:eni-2", "sg-c");
        Plan plan = new QuarantineDecision(CONFIG).decide(event("custom-action-release.json"),
                Map.of(WEB, Optional.of(instance(WEB, tags, Optional.empty(), List.of()))));
        PlannedAction.ReleaseInstance release = plan.actionsOf(PlannedAction.ReleaseInstance.class).get(0);
        assertEquals(Map.of("eni-1", List.of("sg-a", "sg-b"), "eni-2", List.of("sg-c")), release.restoreGroups());

        Plan notQuarantined = new QuarantineDecision(CONFIG).decide(event("custom-action-release.json"),
                Map.of(WEB, Optional.of(instance(WEB, Map.of(), Optional.empty(), List.of()))));
        assertEquals(List.of("not-quarantined"), codes(notQuarantined));
        assertEquals(List.of(), notQuarantined.actionsOf(PlannedAction.ReleaseInstance.class));
    }

    @Test
    void withoutLookUpsThePlanSaysWhatWouldBeLookedUp() throws Exception {
        Plan plan = new QuarantineDecision(CONFIG).decide(event("custom-action-quarantine.json"), Map.of());
        assertEquals(List.of(ActionType.QUARANTINE_INSTANCE, ActionType.SNAPSHOT_VOLUME,
                        ActionType.QUARANTINE_INSTANCE, ActionType.SNAPSHOT_VOLUME, ActionType.NOTIFY,
                        ActionType.UPDATE_FINDING, ActionType.UPDATE_FINDING, ActionType.UPDATE_FINDING),
                plan.actions().stream().map(PlannedAction::actionType).toList());
        PlannedAction.QuarantineInstance q = plan.actionsOf(PlannedAction.QuarantineInstance.class).get(0);
        assertNull(q.vpcId());
        assertTrue(q.reason().contains("looked up at run time"), q.reason());
    }

    @Test
    void anotherCustomActionIsNotOurs() throws Exception {
        Plan plan = new QuarantineDecision(CONFIG).decide(event("custom-action-other-action.json"), Map.of());
        assertEquals(List.of(), plan.actions());
        assertEquals(List.of("unknown-custom-action"), codes(plan));
    }

    @Test
    void dryRunPlansButMarksNoFinding() throws Exception {
        Plan plan = new QuarantineDecision(ResponseConfig.defaults().withEverythingDryRun())
                .decide(event("custom-action-quarantine.json"), Map.of());
        assertTrue(plan.dryRun());
        assertEquals(List.of(), plan.actionsOf(PlannedAction.UpdateFinding.class));
        assertTrue(plan.actionsOf(PlannedAction.Notify.class).get(0).subject().startsWith("[dry-run]"));
    }

    static List<Path> malformed() {
        return Fixtures.list(Fixtures.dir().resolve("quarantine/malformed"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedEventsHaveProblemsWithPaths(Path file) throws Exception {
        CustomActionEvents.Read read = CustomActionEvents.read(ResponseJson.mapper().readTree(Fixtures.read(file)));
        assertTrue(!read.problems().isEmpty(), file.toString());
        read.problems().forEach(p -> assertTrue(!p.reason().isBlank()));
    }

    private static CustomActionEvent event(String name) throws Exception {
        CustomActionEvents.Read read = CustomActionEvents.read(ResponseJson.mapper()
                .readTree(Fixtures.event("quarantine/" + name)));
        assertEquals(List.of(), read.problems());
        return read.event().orElseThrow();
    }

    private static InstanceFacts instance(String id, Map<String, String> tags, Optional<String> group,
                                          List<String> targetGroups) {
        return new InstanceFacts(id, "running", "vpc-0c1d2e3f4a5b6c7d8", tags,
                Map.of("eni-" + id.substring(2), List.of("sg-0aaa1111bbbb2222c")), List.of("vol-1" + id.substring(3)),
                group, targetGroups);
    }

    private static List<String> codes(Plan plan) {
        return plan.skipped().stream().map(s -> s.code().wireName()).sorted().toList();
    }
}
