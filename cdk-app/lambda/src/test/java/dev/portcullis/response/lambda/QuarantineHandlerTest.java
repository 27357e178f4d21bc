package dev.portcullis.response.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.lambda.aws.Ec2InstanceIsolation;
import dev.portcullis.response.lambda.localaws.MotoServer;
import dev.portcullis.response.lambda.localaws.MotoServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * The Quarantine and Release custom actions end to end against moto_server (EC2 instances, security groups, tags,
 * volumes, snapshots, Auto Scaling, target groups) and the Security Hub fake: the fixtures' events with the
 * instance ids moto gave.
 */
@ExtendWith(MotoServerExtension.class)
class QuarantineHandlerTest {
    private static final String CONFIG = "quarantine: {operator-ssh-cidrs: [203.0.113.0/28]}\n";
    private static final String FIXTURE_WEB = "i-0a1b2c3d4e5f60718";
    private static final String FIXTURE_WORKER = "i-0b2c3d4e5f6a70829";

    private PlaybookRig rig;
    private String appGroup;
    private String adminGroup;
    private String web;
    private String worker;
    private String autoScalingGroup;
    private String targetGroup;

    @BeforeEach
    void account(MotoServer moto) {
        rig = new PlaybookRig(moto, null, null, null);
        appGroup = rig.securityGroup("app");
        adminGroup = rig.securityGroup("admin");
        web = rig.runInstance(appGroup, adminGroup);
        targetGroup = rig.loadBalancing.createTargetGroup(b -> b.name("web").protocol("HTTP").port(80).vpcId(rig.vpc)
                .targetType("instance")).targetGroups().get(0).targetGroupArn();
        rig.loadBalancing.registerTargets(b -> b.targetGroupArn(targetGroup).targets(t -> t.id(web).port(80)));
        String template = rig.ec2.createLaunchTemplate(b -> b.launchTemplateName("workers")
                .launchTemplateData(d -> d.imageId(rig.image).instanceType("t3.micro")
                        .networkInterfaces(n -> n.deviceIndex(0).groups(appGroup))))
                .launchTemplate().launchTemplateId();
        autoScalingGroup = "workers";
        rig.autoScaling.createAutoScalingGroup(b -> b.autoScalingGroupName(autoScalingGroup).minSize(1).maxSize(2)
                .desiredCapacity(1).vpcZoneIdentifier(rig.subnet).launchTemplate(t -> t.launchTemplateId(template)));
        worker = rig.autoScaling.describeAutoScalingGroups(b -> b.autoScalingGroupNames(autoScalingGroup))
                .autoScalingGroups().get(0).instances().get(0).instanceId();
        for (String fixture : List.of("custom-action-quarantine.json", "custom-action-release.json")) {
            JsonNode event = read(event(fixture));
            event.path("detail").path("findings").forEach(f -> rig.securityHub.knownFinding(f.path("Id").asText(),
                    f.path("ProductArn").asText()));
        }
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void quarantineIsolatesSnapshotsDetachesDeregistersNotifiesAndMarksEveryFinding() {
        Map<String, List<String>> webGroupsBefore = rig.groups(web);
        List<String> volumes = new ArrayList<>(rig.volumes(web));
        volumes.addAll(rig.volumes(worker));
        assertFalse(volumes.isEmpty(), "moto gives each instance a root volume");

        JsonNode out = PlaybookRig.invoke(handler(CONFIG), event("custom-action-quarantine.json"));
        assertEquals("ok", out.path("status").asText(), out.toString());
        assertEquals(List.of(), texts(out.path("outcome").path("failed")));
        assertEquals(List.of("no-instance"), codes(out), "the access-key finding names no instance");

        SecurityGroup isolation = isolationGroup();
        for (String instance : List.of(web, worker)) {
            rig.groups(instance).values().forEach(groups -> assertEquals(List.of(isolation.groupId()), groups,
                    instance + " is in the isolation group only"));
            Map<String, String> tags = rig.tags(instance);
            assertTrue(tags.containsKey("portcullis:quarantined"), tags.toString());
            assertTrue(tags.get("portcullis:quarantine-reason").contains("Quarantine"), tags.toString());
        }
        String eni = webGroupsBefore.keySet().iterator().next();
        assertEquals(new TreeSet<>(webGroupsBefore.get(eni)),
                new TreeSet<>(List.of(rig.tags(web).get("portcullis:groups:" + eni).split(" "))),
                "the groups it had are recorded for Release");
        assertEquals(volumes.stream().sorted().toList(), union(rig.forensicSnapshots(web),
                rig.forensicSnapshots(worker)), "one forensic snapshot per volume");

        // Only SSH from the operator range in, nothing out.
        assertEquals(1, isolation.ipPermissions().size(), isolation.toString());
        assertEquals(22, isolation.ipPermissions().get(0).fromPort());
        assertEquals("203.0.113.0/28", isolation.ipPermissions().get(0).ipRanges().get(0).cidrIp());
        assertEquals(List.of(), isolation.ipPermissionsEgress(), "the default allow-all egress is revoked");

        assertTrue(rig.autoScaling.describeAutoScalingInstances(b -> b.instanceIds(worker)).autoScalingInstances()
                .isEmpty(), "the worker left its group, so the group cannot terminate it as unhealthy");
        assertTrue(rig.loadBalancing.describeTargetHealth(b -> b.targetGroupArn(targetGroup))
                .targetHealthDescriptions().stream().noneMatch(t -> t.target().id().equals(web)));

        assertEquals(1, rig.notifier.sent().size());
        assertTrue(rig.notifier.sent().get(0).subject().startsWith("Quarantine: 2 instances from 3 findings"),
                rig.notifier.sent().get(0).subject());
        assertEquals(3, rig.securityHub.updates().size(), "every finding of the event gets a note");
        rig.securityHub.updates().forEach(u -> assertEquals("NOTIFIED", u.workflowStatus()));
    }

    @Test
    void quarantiningAgainChangesNothingAndSaysSo() {
        PlaybookRig.invoke(handler(CONFIG), event("custom-action-quarantine.json"));
        int snapshots = rig.forensicSnapshots(web).size();
        Map<String, String> tags = rig.tags(web);

        JsonNode again = PlaybookRig.invoke(handler(CONFIG), event("custom-action-quarantine.json"));
        assertEquals("ok", again.path("status").asText(), again.toString());
        assertEquals(List.of("already-quarantined", "already-quarantined", "no-instance"), codes(again));
        assertEquals(List.of(), texts(again.path("outcome").path("done")).stream()
                .filter(d -> !d.startsWith("update-finding")).toList());
        assertEquals(snapshots, rig.forensicSnapshots(web).size(), "no second snapshot");
        assertEquals(tags, rig.tags(web), "the first quarantine's record is kept");
        assertTrue(rig.notifier.sent().get(1).message().contains("already-quarantined"));
    }

    @Test
    void releaseRestoresTheRecordedGroupsAndRemovesOurTags() {
        Map<String, List<String>> before = rig.groups(web);
        rig.ec2.createTags(b -> b.resources(web).tags(t -> t.key("portcullis:terminate-on-threat").value("true")));
        PlaybookRig.invoke(handler(CONFIG), event("custom-action-quarantine.json"));

        JsonNode out = PlaybookRig.invoke(handler(CONFIG), event("custom-action-release.json"));
        assertEquals("ok", out.path("status").asText(), out.toString());
        assertEquals(before, rig.groups(web));
        assertEquals(Map.of("portcullis:terminate-on-threat", "true"), rig.tags(web),
                "our quarantine tags are gone; the owner's opt-in stays");

        JsonNode again = PlaybookRig.invoke(handler(CONFIG), event("custom-action-release.json"));
        assertEquals(List.of("not-quarantined"), codes(again));
        assertEquals(before, rig.groups(web));
    }

    @Test
    void theIsolationGroupIsFoundAgainAndBroughtBackToTheConfiguredRules() {
        PlaybookRig.invoke(handler(CONFIG), event("custom-action-quarantine.json"));
        SecurityGroup first = isolationGroup();
        // Someone opens the isolation group by hand; the next quarantine closes it again.
        rig.ec2.authorizeSecurityGroupIngress(b -> b.groupId(first.groupId()).ipPermissions(p -> p.ipProtocol("tcp")
                .fromPort(0).toPort(65535).ipRanges(r -> r.cidrIp("0.0.0.0/0"))));
        PlaybookRig.invoke(handler(CONFIG), event("custom-action-release.json"));
        String config = "quarantine: {operator-ssh-cidrs: [203.0.113.0/28], egress-https-cidrs: [10.0.255.0/28]}\n";
        PlaybookRig.invoke(handler(config), event("custom-action-quarantine.json"));
        SecurityGroup again = isolationGroup();
        assertEquals(first.groupId(), again.groupId(), "one isolation group per VPC");
        assertEquals(1, again.ipPermissions().size(), again.toString());
        assertEquals("203.0.113.0/28", again.ipPermissions().get(0).ipRanges().get(0).cidrIp());
        assertEquals(1, again.ipPermissionsEgress().size(), again.toString());
        assertEquals(443, again.ipPermissionsEgress().get(0).fromPort());
        assertEquals("10.0.255.0/28", again.ipPermissionsEgress().get(0).ipRanges().get(0).cidrIp());
    }

    @Test
    void dryRunOnlyNotifies() {
        Map<String, List<String>> before = rig.groups(web);
        JsonNode out = PlaybookRig.invoke(handler("quarantine: {dry-run: true}\n"), event("custom-action-quarantine.json"));
        assertTrue(out.path("plan").path("dryRun").asBoolean());
        assertEquals(before, rig.groups(web));
        assertTrue(rig.forensicSnapshots(web).isEmpty());
        assertTrue(rig.securityHub.updates().isEmpty());
        assertTrue(rig.notifier.sent().get(0).subject().startsWith("[dry-run] Quarantine"));
    }

    @Test
    void goneAndUnknownInstancesAreReasonedSkipsAndNothingIsDestroyed() {
        rig.ec2.terminateInstances(b -> b.instanceIds(worker));
        String event = event("custom-action-quarantine.json").replace(web, "i-0123456789abcdef0");
        JsonNode out = PlaybookRig.invoke(handler(CONFIG), event);
        assertEquals("ok", out.path("status").asText(), out.toString());
        assertEquals(List.of("instance-gone", "instance-not-found", "no-instance"), codes(out));
        assertTrue(rig.ec2.describeSecurityGroups(b -> b.filters(Filter.builder().name("group-name")
                .values(Ec2InstanceIsolation.GROUP_NAME).build())).securityGroups().isEmpty(),
                "nothing to isolate, so no isolation group either");
    }

    @Test
    void malformedInputIsASkipNeverAnException() {
        for (String input : List.of("", "not json", "[]", "{}", Fixtures.event("quarantine/malformed/bad-instance-id.json"),
                Fixtures.event("quarantine/malformed/no-action-arn.json"))) {
            JsonNode out = PlaybookRig.invoke(handler(CONFIG), input);
            assertEquals("ok", out.path("status").asText(), input + " -> " + out);
            assertTrue(codes(out).contains("malformed-event"), input + " -> " + out);
        }
        assertEquals(List.of(appGroup, adminGroup).stream().sorted().toList(),
                rig.groups(web).values().iterator().next(), "nothing changed");
    }

    @Test
    void aBrokenEnvironmentIsAFailedOutputNotACrash() {
        JsonNode out = PlaybookRig.invoke(new QuarantineHandler(() -> {
            throw new IllegalStateException("the function's environment is not usable: PORTCULLIS_CONFIG is not set");
        }), event("custom-action-quarantine.json"));
        assertEquals("failed", out.path("status").asText());
        assertTrue(out.path("reason").asText().contains("PORTCULLIS_CONFIG"));
    }

    private QuarantineHandler handler(String config) {
        PlaybookAdapters adapters = rig.adapters(config);
        return new QuarantineHandler(() -> adapters);
    }

    private String event(String fixture) {
        return Fixtures.event("quarantine/" + fixture).replace(FIXTURE_WEB, web == null ? FIXTURE_WEB : web)
                .replace(FIXTURE_WORKER, worker == null ? FIXTURE_WORKER : worker);
    }

    private SecurityGroup isolationGroup() {
        List<SecurityGroup> groups = rig.ec2.describeSecurityGroups(b -> b.filters(Filter.builder().name("group-name")
                .values(Ec2InstanceIsolation.GROUP_NAME).build())).securityGroups();
        assertEquals(1, groups.size());
        assertEquals(Set.of("portcullis:isolation"), groups.get(0).tags().stream().map(t -> t.key())
                .filter(k -> k.startsWith("portcullis:")).collect(java.util.stream.Collectors.toSet()));
        return groups.get(0);
    }

    private static JsonNode read(String text) {
        try {
            return ResponseJson.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> codes(JsonNode out) {
        List<String> codes = new ArrayList<>();
        out.path("plan").path("skipped").forEach(s -> codes.add(s.path("code").asText()));
        codes.sort(null);
        return codes;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        out.sort(null);
        return out;
    }
}
