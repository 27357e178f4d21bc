package dev.portcullis.response.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.response.Fixtures;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.flowlog.FlowLogRecords;
import dev.portcullis.response.flowlog.SubscriptionBatch;
import dev.portcullis.response.flowlog.SubscriptionPayloads;
import dev.portcullis.response.instance.InstanceFacts;
import dev.portcullis.response.instance.InterfaceFacts;
import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.plan.ActionType;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.PlannedAction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The kill switch's decision over the flow-log fixtures, with interface and instance facts as looked up. */
class FlowLogDecisionTest {

    private static final String ENI = "eni-0a1b2c3d4e5f60718";
    private static final String INSTANCE = "i-0a1b2c3d4e5f60718";
    private static final ResponseConfig THREATS = ResponseConfig.parse("""
            flow-logs:
              dry-run: false
              threat-list: [192.0.2.64/27]
              formats: ["${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${action} ${tcp-flags} ${flow-direction}"]
            """, "t.yaml");

    @Test
    void onlyTheRejectOfTrafficTheInstanceStartedTriggersInTheDefaultFormat() throws Exception {
        FlowLogDecision decision = new FlowLogDecision(THREATS);
        FlowLogDecision.Triage triage = decision.triggers(lines(decision, "flow-logs/default-format-reject.json"),
                Map.of(ENI, Optional.of(new InterfaceFacts(ENI, Optional.of(INSTANCE),
                        Set.of(IpAddress.of("10.0.1.15")), false))), ip -> false);
        assertEquals(1, triage.triggers().size());
        FlowLogTrigger trigger = triage.triggers().get(0);
        assertEquals(FlowLogTrigger.Kind.INITIATED_REJECT, trigger.kind());
        assertEquals(IpAddress.of("203.0.113.50"), trigger.remote());
        assertEquals(INSTANCE, trigger.instanceId());
        List<String> reasons = triage.skipped().stream().map(s -> s.reason()).sorted().toList();
        assertEquals(List.of("1 record: inbound REJECT (an attempt on the instance, not by it)",
                "1 record: no traffic in the record (log-status NODATA)", "1 record: outbound ACCEPT",
                "1 record: outbound REJECT of a reply, not of traffic the instance started"), reasons);
    }

    @Test
    void contactWithAThreatListAddressTriggersInEitherDirectionWhenAccepted() throws Exception {
        FlowLogDecision decision = new FlowLogDecision(THREATS);
        FlowLogDecision.Triage triage = decision.triggers(lines(decision, "flow-logs/known-bad-contact.awslogs.json"),
                Map.of(), ip -> false);
        assertEquals(2, triage.triggers().size(), "the request out and the reply in");
        triage.triggers().forEach(t -> {
            assertEquals(FlowLogTrigger.Kind.KNOWN_BAD_CONTACT, t.kind());
            assertEquals("i-0b2c3d4e5f6a70829", t.instanceId(), "from the record's instance-id field");
            assertTrue(t.why().contains("threat-list entry 192.0.2.64/27"), t.why());
        });
    }

    @Test
    void theBlocklistCountsAsKnownBadButARejectedInboundAttemptIsNoContact() {
        FlowLogDecision decision = new FlowLogDecision(ResponseConfig.defaults());
        List<FlowLogRecords.Line> lines = decision.read(List.of(
                "2 123456789012 " + ENI + " 198.51.100.7 10.0.1.15 61000 22 6 1 60 1795687200 1795687260 REJECT OK",
                "2 123456789012 " + ENI + " 198.51.100.7 10.0.1.15 61000 443 6 9 900 1795687200 1795687260 ACCEPT OK"));
        List<IpAddress> asked = new ArrayList<>();
        FlowLogDecision.Triage triage = decision.triggers(lines, Map.of(ENI, Optional.of(new InterfaceFacts(ENI,
                Optional.of(INSTANCE), Set.of(IpAddress.of("10.0.1.15")), false))),
                ip -> asked.add(ip) && ip.equals(IpAddress.of("198.51.100.7")));
        assertEquals(1, triage.triggers().size());
        assertTrue(triage.triggers().get(0).why().startsWith("accepted from 198.51.100.7 (in the blocklist)"));
        assertEquals(List.of(IpAddress.of("198.51.100.7")), asked, "asked once, for the accepted record only");
        assertTrue(triage.skipped().get(0).reason().contains("inbound REJECT"), triage.skipped().toString());

        ResponseConfig threats = ResponseConfig.parse("flow-logs: {threat-list: [198.51.100.0/24]}", "t.yaml");
        FlowLogDecision.Triage listed = new FlowLogDecision(threats).triggers(lines.subList(0, 1), Map.of(ENI,
                Optional.of(new InterfaceFacts(ENI, Optional.of(INSTANCE), Set.of(IpAddress.of("10.0.1.15")), false))),
                ip -> false);
        assertEquals(List.of(), listed.triggers());
        assertTrue(listed.skipped().get(0).reason().contains("was rejected: no contact"), listed.skipped().toString());
    }

    @Test
    void aCustomFormatWithTcpFlagsTellsScansFromReplies() throws Exception {
        FlowLogDecision decision = new FlowLogDecision(THREATS);
        FlowLogDecision.Triage triage = decision.triggers(lines(decision, "flow-logs/custom-format-scan.json"),
                Map.of(), ip -> false);
        assertEquals(List.of("10.0.8.10", "10.0.8.11"), triage.triggers().stream().map(t -> t.remote().toString())
                .toList(), "two SYNs to SSH and RDP were rejected; the SYN-ACK reply and the ACCEPT are not triggers");
        assertTrue(triage.triggers().get(0).why().contains("TCP SYN without ACK"));
    }

    @Test
    void unknownInterfacesAndManagedInterfacesAreSkippedOnce() throws Exception {
        FlowLogDecision decision = new FlowLogDecision(THREATS);
        List<FlowLogRecords.Line> lines = new ArrayList<>(lines(decision, "flow-logs/unknown-interface.json"));
        lines.addAll(lines(decision, "flow-logs/default-format-reject.json"));
        FlowLogDecision.Triage triage = decision.triggers(lines, Map.of("eni-0deadbeef00000000", Optional.empty(),
                ENI, Optional.of(new InterfaceFacts(ENI, Optional.empty(), Set.of(IpAddress.of("10.0.1.15")), false))),
                ip -> false);
        assertEquals(List.of(), triage.triggers());
        assertEquals(List.of("not-an-instance", "unknown-interface"), triage.skipped().stream()
                .map(s -> s.code().wireName()).filter(c -> !c.equals("no-trigger")).sorted().toList());
    }

    @Test
    void theResponseFollowsTheConfigurationWithinTheGuardrails() {
        FlowLogTrigger trigger = trigger(INSTANCE);
        ResponseConfig terminate = ResponseConfig.parse("flow-logs: {dry-run: false, response: snapshot-and-terminate}",
                "t.yaml");
        Plan notOptedIn = new FlowLogDecision(terminate).respond(List.of(trigger),
                Map.of(INSTANCE, Optional.of(instance(Map.of(), Optional.empty()))), id -> true);
        assertEquals(List.of(ActionType.SNAPSHOT_VOLUME, ActionType.ISOLATE_INSTANCE, ActionType.NOTIFY), types(notOptedIn));
        assertEquals("terminate-not-opted-in", notOptedIn.skipped().get(0).code().wireName());

        Plan optedIn = new FlowLogDecision(terminate).respond(List.of(trigger), Map.of(INSTANCE, Optional.of(
                instance(Map.of("portcullis:terminate-on-threat", "true"), Optional.empty()))), id -> true);
        assertEquals(List.of(ActionType.SNAPSHOT_VOLUME, ActionType.TERMINATE_INSTANCE, ActionType.NOTIFY), types(optedIn));

        Plan member = new FlowLogDecision(terminate).respond(List.of(trigger), Map.of(INSTANCE, Optional.of(
                instance(Map.of("portcullis:terminate-on-threat", "true"), Optional.of("workers")))), id -> true);
        assertEquals(List.of(ActionType.SNAPSHOT_VOLUME, ActionType.ISOLATE_INSTANCE, ActionType.NOTIFY), types(member));
        assertEquals("auto-scaling-member", member.skipped().get(0).code().wireName());
        assertEquals("workers", member.actionsOf(PlannedAction.IsolateInstance.class).get(0).autoScalingGroup(),
                "isolated members are detached first");

        ResponseConfig asgAllowed = ResponseConfig.parse("flow-logs: {dry-run: false, response: snapshot-and-terminate,"
                + " terminate-auto-scaling-members: true}", "t.yaml");
        Plan allowed = new FlowLogDecision(asgAllowed).respond(List.of(trigger), Map.of(INSTANCE, Optional.of(
                instance(Map.of("portcullis:terminate-on-threat", "true"), Optional.of("workers")))), id -> true);
        assertEquals(List.of(ActionType.SNAPSHOT_VOLUME, ActionType.TERMINATE_INSTANCE, ActionType.NOTIFY), types(allowed));

        ResponseConfig notify = ResponseConfig.parse("flow-logs: {response: notify}", "t.yaml");
        assertEquals(List.of(ActionType.NOTIFY), types(new FlowLogDecision(notify).respond(List.of(trigger),
                Map.of(INSTANCE, Optional.of(instance(Map.of(), Optional.empty()))), id -> true)));
    }

    @Test
    void theRateLimitIsAskedOncePerInstanceAndAnAlreadyIsolatedInstanceIsLeftAlone() {
        Set<String> asked = new HashSet<>();
        Plan plan = new FlowLogDecision(ResponseConfig.defaults()).respond(
                List.of(trigger(INSTANCE), trigger(INSTANCE), trigger("i-0b2c3d4e5f6a70829"), trigger("i-0c3d4e5f6a7b80930")),
                Map.of(INSTANCE, Optional.of(instance(Map.of(), Optional.empty())),
                        "i-0b2c3d4e5f6a70829", Optional.of(instance(Map.of(), Optional.empty())),
                        "i-0c3d4e5f6a7b80930", Optional.of(instance(Map.of("portcullis:quarantined", "x"), Optional.empty()))),
                id -> asked.add(id) && id.equals(INSTANCE));
        assertEquals(Set.of(INSTANCE, "i-0b2c3d4e5f6a70829"), asked, "an isolated instance does not use up the limit");
        assertEquals(List.of("already-quarantined", "rate-limited"), plan.skipped().stream()
                .map(s -> s.code().wireName()).sorted().toList());
        assertEquals(1, plan.actionsOf(PlannedAction.IsolateInstance.class).size());
        assertTrue(plan.dryRun(), "dry-run by default");
    }

    private static List<FlowLogRecords.Line> lines(FlowLogDecision decision, String fixture) throws Exception {
        SubscriptionBatch batch = SubscriptionPayloads.decode(Fixtures.event(fixture));
        return decision.read(batch.logEvents().stream().map(SubscriptionBatch.LogEvent::message).toList());
    }

    private static FlowLogTrigger trigger(String instance) {
        return new FlowLogTrigger(instance, ENI, FlowLogTrigger.Kind.INITIATED_REJECT, IpAddress.of("203.0.113.50"),
                "started traffic to 203.0.113.50 that was rejected", null);
    }

    private static InstanceFacts instance(Map<String, String> tags, Optional<String> group) {
        return new InstanceFacts(INSTANCE, "running", "vpc-1", tags, Map.of(ENI, List.of("sg-1")), List.of("vol-1"),
                group, List.of());
    }

    private static List<ActionType> types(Plan plan) {
        return plan.actions().stream().map(PlannedAction::actionType).toList();
    }
}
