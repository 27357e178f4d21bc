package dev.portcullis.response.decision;

import dev.portcullis.response.Fixtures;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.config.Backend;
import dev.portcullis.response.config.FindingTypePattern;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.config.SeverityThreshold;
import dev.portcullis.response.finding.FindingEvents;
import dev.portcullis.response.finding.FindingSeverity;
import dev.portcullis.response.finding.FindingSource;
import dev.portcullis.response.finding.IpLocation;
import dev.portcullis.response.finding.RemoteIp;
import dev.portcullis.response.finding.ResourceRole;
import dev.portcullis.response.finding.SecurityFinding;
import dev.portcullis.response.net.Cidr;
import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.PlannedAction;
import dev.portcullis.response.plan.PlannedAction.BlockIp;
import dev.portcullis.response.plan.Skip;
import dev.portcullis.response.plan.SkipReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockDecisionTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:16:00Z");
    /** Enforcing, so actions and Security Hub updates are planned as in production. */
    private static final ResponseConfig ENFORCING = ResponseConfig.defaults().withDryRun(false);

    private static Plan decide(ResponseConfig config, String fixture) {
        return new BlockDecision(config).decideEvent(Fixtures.event(fixture), NOW);
    }

    private static List<String> blocked(Plan plan) {
        return plan.blocks().stream().map(b -> b.ip().toString()).distinct().toList();
    }

    private static Set<SkipReason> codes(Plan plan) {
        return plan.skipped().stream().map(Skip::code).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "guardduty-network-connection.json   | 198.51.100.23",
            "guardduty-port-probe.json           | 203.0.113.45 192.0.2.77 2001:db8:4f::17",
            "guardduty-aws-api-call.json         | 198.51.100.201",
            "guardduty-kubernetes-api-call.json  | 192.0.2.201",
            "guardduty-ipv6.json                 | 2001:db8::8:800:200c:417a",
            "guardduty-already-blocked.json      | 198.51.100.23",
            "securityhub-network-connection.json | 198.51.100.23",
            "securityhub-port-probe.json         | 203.0.113.45 192.0.2.77 2001:db8:4f::17",
            "securityhub-aws-api-call.json       | 198.51.100.201",
            "securityhub-product-fields-only.json| 2001:db8::8:800:200c:417a",
            "securityhub-multiple-findings.json  | 203.0.113.200 203.0.113.45 192.0.2.77 2001:db8:4f::17",
            "invalid-ips.json                    | 198.51.100.61"})
    void blocksEveryRemoteIpOfATargetedFinding(String fixture, String expected) {
        Plan plan = decide(ENFORCING, fixture);
        assertEquals(List.of(expected.split(" ")), blocked(plan), plan.toString());
        for (BlockIp block : plan.blocks()) {
            assertEquals(Backend.NETWORK_FIREWALL, block.enforcer());
            assertEquals(Instant.parse("2026-12-20T10:16:00Z"), block.expiresAt(), "720 hours by default");
        }
        assertEquals(1, plan.actionsOf(PlannedAction.Notify.class).size() + (fixture.contains("multiple") ? -1 : 0),
                "one notification per finding with blocks");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "guardduty-actor.json              | resource-is-actor         | 198.51.100.99",
            "securityhub-actor.json            | resource-is-actor         | 198.51.100.99",
            "guardduty-private-ip.json         | non-internet-address      | 10.20.30.40",
            "guardduty-low-severity.json       | below-threshold           | 192.0.2.150",
            "securityhub-low-severity.json     | below-threshold           | 192.0.2.150",
            "securityhub-own-update.json       | own-update                | 198.51.100.23",
            "guardduty-dns-request.json        | resource-is-actor         | ",
            "unknown-finding-type.json         | unknown-finding-type      | 198.51.100.62"})
    void skipsWithAReason(String fixture, String code, String ip) {
        Plan plan = decide(ENFORCING, fixture);
        assertEquals(List.of(), plan.actions(), plan.toString());
        assertFalse(plan.skipped().isEmpty());
        for (Skip skip : plan.skipped()) {
            assertEquals(code, skip.code().wireName(), skip.toString());
            assertEquals(ip, skip.ip());
            assertFalse(skip.reason().isBlank());
        }
    }

    @Test
    void allowListedIpsAreSkippedNamingTheEntry() {
        ResponseConfig config = ENFORCING.withAllowList(List.of(Cidr.parse("203.0.113.0/25")));
        Plan plan = decide(config, "guardduty-allow-listed.json");
        assertEquals(List.of(), plan.actions());
        Skip skip = plan.skipped().get(0);
        assertEquals(SkipReason.ALLOW_LISTED, skip.code());
        assertEquals("203.0.113.10", skip.ip());
        assertTrue(skip.reason().contains("203.0.113.0/25"), skip.reason());
        assertEquals(List.of("198.51.100.23"), blocked(decide(config, "guardduty-network-connection.json")));
    }

    @Test
    void allowListCoversOnlyPartOfAPortProbe() {
        ResponseConfig config = ENFORCING.withAllowList(List.of(Cidr.parse("192.0.2.0/24"),
                Cidr.parse("2001:db8:4f::/48")));
        Plan plan = decide(config, "guardduty-port-probe.json");
        assertEquals(List.of("203.0.113.45"), blocked(plan));
        assertEquals(List.of("192.0.2.77", "2001:db8:4f::17"), plan.skipped().stream().map(Skip::ip).toList());
        assertEquals(Set.of(SkipReason.ALLOW_LISTED), codes(plan));
    }

    @Test
    void withoutAllowListTheFixtureScannerIsBlocked() {
        assertEquals(List.of("203.0.113.10"), blocked(decide(ENFORCING, "guardduty-allow-listed.json")));
    }

    @ParameterizedTest
    @CsvSource({"10.1.2.3", "172.16.5.4", "192.168.0.1", "127.0.0.1", "169.254.169.254", "100.64.1.1",
            "224.0.0.1", "0.0.0.0", "255.255.255.255", "::", "::1", "fd00::1", "fe80::1", "ff02::1",
            "::ffff:192.168.1.1"})
    void nonInternetAddressesAreNeverBlocked(String ip) {
        Plan plan = new BlockDecision(ENFORCING).decide(finding(ip, 8.0, ResourceRole.TARGET), NOW);
        assertEquals(List.of(), plan.actions());
        assertEquals(Set.of(SkipReason.NOT_INTERNET), codes(plan));
    }

    @ParameterizedTest
    @CsvSource({"192.0.2.1", "198.51.100.1", "203.0.113.1", "2001:db8::1"})
    void documentationRangesAreBlockable(String ip) {
        Plan plan = new BlockDecision(ENFORCING).decide(finding(ip, 8.0, ResourceRole.TARGET), NOW);
        assertEquals(List.of(IpAddress.of(ip).toString()), blocked(plan));
    }

    @ParameterizedTest
    @CsvSource({
            "4,        5.0, true",
            "5,        5.0, true",
            "5.1,      5.0, false",
            "MEDIUM,   4.0, true",
            "MEDIUM,   3.9, false",
            "HIGH,     6.9, false",
            "HIGH,     7.0, true",
            "high,     8.9, true",
            "CRITICAL, 8.9, false",
            "CRITICAL, 9.0, true",
            "LOW,      1.0, true",
            "LOW,      0.5, false",
            "0,        0.0, true"})
    void thresholdNumericAndLabel(String threshold, double severity, boolean blocks) {
        ResponseConfig config = ENFORCING.withMinSeverity(SeverityThreshold.parse(threshold));
        Plan plan = new BlockDecision(config).decide(finding("198.51.100.1", severity, ResourceRole.TARGET), NOW);
        assertEquals(blocks, !plan.blocks().isEmpty(), plan.toString());
        if (!blocks) {
            assertEquals(SkipReason.BELOW_THRESHOLD, plan.skipped().get(0).code());
            assertTrue(plan.skipped().get(0).reason().contains("min-severity"));
        }
    }

    @Test
    void findingTypeFilterExactAndPrefix() {
        ResponseConfig prefix = ENFORCING.withFindingTypes(List.of(new FindingTypePattern("UnauthorizedAccess:EC2/*")));
        assertEquals(1, blocked(decide(prefix, "guardduty-network-connection.json")).size());
        Plan probe = decide(prefix, "guardduty-port-probe.json");
        assertEquals(List.of(), probe.actions());
        assertEquals(Set.of(SkipReason.FINDING_TYPE_NOT_SELECTED), codes(probe));
        assertTrue(probe.skipped().get(0).reason().contains("UnauthorizedAccess:EC2/*"));

        ResponseConfig exact = ENFORCING.withFindingTypes(List.of(
                new FindingTypePattern("Recon:EC2/PortProbeUnprotectedPort")));
        assertEquals(3, blocked(decide(exact, "guardduty-port-probe.json")).size());
        assertEquals(3, blocked(decide(exact, "securityhub-port-probe.json")).size(), "ASFF types are converted");
        assertEquals(List.of(), decide(exact, "guardduty-network-connection.json").actions());
    }

    @Test
    void dryRunPlansTheSameBlocksButNeverTouchesSecurityHub() {
        ResponseConfig dryRun = ENFORCING.withDryRun(true);
        Plan plan = decide(dryRun, "securityhub-network-connection.json");
        assertTrue(plan.dryRun());
        assertEquals(List.of("198.51.100.23"), blocked(plan));
        assertEquals(List.of(), plan.actionsOf(PlannedAction.UpdateFinding.class));
        PlannedAction.Notify notice = plan.actionsOf(PlannedAction.Notify.class).get(0);
        assertTrue(notice.subject().startsWith("[dry-run] Would block 1 IP"), notice.subject());
        assertTrue(notice.message().contains("nothing was enforced"), notice.message());
    }

    @Test
    void enforcingSecurityHubFindingIsMarkedNotifiedWithOurNote() {
        Plan plan = decide(ENFORCING, "securityhub-network-connection.json");
        assertFalse(plan.dryRun());
        PlannedAction.UpdateFinding update = plan.actionsOf(PlannedAction.UpdateFinding.class).get(0);
        assertEquals("arn:aws:securityhub:eu-west-1::product/aws/guardduty", update.productArn());
        assertTrue(update.findingId().endsWith("/finding/5ec4f2b1a0d34b7f9c1e2d3a4b5c6d71"));
        assertEquals("NOTIFIED", update.workflowStatus());
        assertEquals(ResponseConfig.NOTE_AUTHOR, update.updatedBy());
        assertEquals("Portcullis blocked 198.51.100.23 until 2026-12-20T10:16:00Z", update.note());
        PlannedAction.Notify notice = plan.actionsOf(PlannedAction.Notify.class).get(0);
        assertEquals("Blocked 1 IP: UnauthorizedAccess:EC2/MaliciousIPCaller.Custom (MEDIUM)", notice.subject());
        assertTrue(notice.message().contains("198.51.100.23 at network-firewall until 2026-12-20T10:16:00Z"));
        assertEquals(List.of(), decide(ENFORCING, "guardduty-network-connection.json")
                .actionsOf(PlannedAction.UpdateFinding.class), "GuardDuty findings have no Security Hub record");
    }

    @Test
    void ownUpdateIsRefusedEvenIfThePatternLetItThrough() {
        String event = Fixtures.event("securityhub-own-update.json").replace("\"NOTIFIED\"", "\"NEW\"");
        Plan plan = new BlockDecision(ENFORCING).decideEvent(event, NOW);
        assertEquals(List.of(), plan.actions());
        assertEquals(Set.of(SkipReason.OWN_UPDATE), codes(plan));
    }

    @Test
    void triagedAndArchivedFindingsAreLeftAlone() {
        String resolved = Fixtures.event("securityhub-network-connection.json")
                .replace("\"Status\": \"NEW\"", "\"Status\": \"RESOLVED\"");
        assertEquals(Set.of(SkipReason.WORKFLOW_NOT_NEW), codes(new BlockDecision(ENFORCING).decideEvent(resolved, NOW)));
        String archived = Fixtures.event("securityhub-network-connection.json")
                .replace("\"RecordState\": \"ACTIVE\"", "\"RecordState\": \"ARCHIVED\"");
        assertEquals(Set.of(SkipReason.ARCHIVED), codes(new BlockDecision(ENFORCING).decideEvent(archived, NOW)));
        String gdArchived = Fixtures.event("guardduty-network-connection.json")
                .replace("\"archived\": false", "\"archived\": true");
        assertEquals(Set.of(SkipReason.ARCHIVED), codes(new BlockDecision(ENFORCING).decideEvent(gdArchived, NOW)));
        String otherProduct = Fixtures.event("securityhub-network-connection.json")
                .replace("\"ProductName\": \"GuardDuty\"", "\"ProductName\": \"Inspector\"")
                .replace("product/aws/guardduty\"", "product/aws/inspector\"");
        assertEquals(Set.of(SkipReason.NOT_GUARDDUTY), codes(new BlockDecision(ENFORCING).decideEvent(otherProduct, NOW)));
    }

    @Test
    void unknownRoleBlocksNothing() {
        Plan plan = new BlockDecision(ENFORCING).decide(finding("198.51.100.1", 8.0, ResourceRole.UNKNOWN), NOW);
        assertEquals(List.of(), plan.actions());
        assertEquals(Set.of(SkipReason.RESOURCE_ROLE_UNKNOWN), codes(plan));
    }

    @Test
    void disabledSourceIsSkipped() {
        ResponseConfig guardDutyOnly = new ResponseConfig(ENFORCING.backends(), ENFORCING.blockLifetime(), List.of(),
                ENFORCING.minSeverity(), List.of(), EnumSet.of(FindingSource.GUARDDUTY), ENFORCING.notifications(),
                false, ENFORCING.ruleGroupCapacity(), ENFORCING.nacl(), ENFORCING.waf(),
                ENFORCING.audit());
        assertEquals(Set.of(SkipReason.SOURCE_DISABLED), codes(decide(guardDutyOnly, "securityhub-port-probe.json")));
        assertEquals(1, blocked(decide(guardDutyOnly, "guardduty-network-connection.json")).size());
    }

    @Test
    void invalidIpsAreSkippedOneByOne() {
        Plan plan = decide(ENFORCING, "invalid-ips.json");
        assertEquals(List.of("999.12.1.1", "attacker.example.com", "12345", "2001:db8::zz"),
                plan.skipped().stream().map(Skip::ip).toList());
        assertEquals(Set.of(SkipReason.INVALID_IP), codes(plan));
        assertTrue(plan.skipped().get(1).reason().contains("portProbeDetails[1]"));
    }

    @Test
    void eachIpOncePerBackendAcrossLocationsAndFindings() {
        ResponseConfig config = ENFORCING.withBackends(List.of(Backend.NETWORK_FIREWALL, Backend.WAF, Backend.NACL));
        Plan plan = decide(config, "securityhub-port-probe.json");
        assertEquals(9, plan.blocks().size(), "3 distinct IPs x 3 backends");
        assertEquals(3, plan.blocks().stream().filter(b -> b.ip().toString().equals("203.0.113.45")).count());
        BlockIp nacl = plan.blocks().stream().filter(b -> b.enforcer() == Backend.NACL).findFirst().orElseThrow();
        assertEquals("i-0a1b2c3d4e5f60718", nacl.instanceId());
        assertEquals(List.of("subnet-0f1e2d3c4b5a69788"), nacl.subnetIds());

        SecurityFinding first = finding("198.51.100.1", 8.0, ResourceRole.TARGET);
        Plan twice = new BlockDecision(ENFORCING).decide(List.of(first, first), NOW);
        assertEquals(1, twice.blocks().size());
    }

    @Test
    void blockLifetimeComesFromConfig() {
        ResponseConfig config = ResponseConfig.parse("block-lifetime-hours: 2\ndry-run: false", "c.yaml");
        BlockIp block = decide(config, "guardduty-network-connection.json").blocks().get(0);
        assertEquals(NOW.plus(Duration.ofHours(2)), block.expiresAt());
        assertEquals("5ec4f2b1a0d34b7f9c1e2d3a4b5c6d71", block.findingId());
        assertEquals("UnauthorizedAccess:EC2/MaliciousIPCaller.Custom", block.findingType());
        assertEquals(5.0, block.severity());
    }

    @Test
    void plansTravelAsJsonBetweenWorkflowSteps() throws Exception {
        Plan plan = decide(ENFORCING.withBackends(List.of(Backend.NETWORK_FIREWALL, Backend.NACL)),
                "securityhub-port-probe.json").plus(decide(ENFORCING, "invalid-ips.json"));
        String json = ResponseJson.mapper().writeValueAsString(plan);
        assertEquals(plan, ResponseJson.mapper().readValue(json, Plan.class));
        assertTrue(json.contains("\"type\":\"update-finding\""), json);
        assertTrue(json.contains("\"code\":\"invalid-ip\""), json);
        assertFalse(json.contains("\"blocks\""), json);
    }

    static List<Path> malformed() {
        return Fixtures.malformed();
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedEventsBlockNothingAndSayWhy(Path fixture) {
        Plan plan = new BlockDecision(ENFORCING).decideEvent(Fixtures.read(fixture), NOW);
        if (fixture.getFileName().toString().equals("securityhub-partly-malformed.json")) {
            assertEquals(List.of("198.51.100.23"), blocked(plan), "the good finding still counts");
        } else {
            assertEquals(List.of(), plan.actions(), fixture.toString());
        }
        assertTrue(plan.skipped().stream().anyMatch(s -> s.code() == SkipReason.MALFORMED_EVENT
                || s.code() == SkipReason.UNSUPPORTED_EVENT), plan.toString());
        plan.skipped().forEach(s -> assertFalse(s.reason().isBlank()));
    }

    @Test
    void unsupportedEventIsNamedSo() {
        Plan plan = decide(ENFORCING, "malformed/unsupported-source.json");
        assertEquals(List.of(SkipReason.UNSUPPORTED_EVENT), plan.skipped().stream().map(Skip::code).toList());
        Plan garbage = new BlockDecision(ENFORCING).decideEvent("not json", NOW);
        assertEquals(List.of(SkipReason.MALFORMED_EVENT), garbage.skipped().stream().map(Skip::code).toList());
    }

    @Test
    void everyWellFormedFixtureAccountsForEachIp() {
        for (Path fixture : Fixtures.wellFormed()) {
            Plan plan = new BlockDecision(ENFORCING).decideEvent(Fixtures.read(fixture), NOW);
            Set<String> accounted = plan.blocks().stream().map(b -> b.ip().toString()).collect(Collectors.toSet());
            plan.skipped().stream().map(Skip::ip).forEach(accounted::add);
            for (SecurityFinding finding : FindingEvents.read(Fixtures.read(fixture)).findings()) {
                for (RemoteIp ip : finding.remoteIps()) {
                    String text = ip.address().map(IpAddress::toString).orElse(ip.text());
                    assertTrue(accounted.contains(text), fixture + ": " + text);
                }
            }
        }
    }

    private static SecurityFinding finding(String ip, double severity, ResourceRole role) {
        return new SecurityFinding(FindingSource.GUARDDUTY, "f-1", "UnauthorizedAccess:EC2/SSHBruteForce", "",
                "123456789012", "eu-west-1", FindingSeverity.ofScore(severity), role, false,
                List.of(new RemoteIp(ip, IpLocation.NETWORK_CONNECTION, "detail.service.action")),
                Optional.of("i-1"), List.of(), Optional.empty());
    }
}
