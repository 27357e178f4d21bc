package dev.portcullis.response.finding;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.response.Fixtures;
import dev.portcullis.response.ResponseJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FindingEventsTest {

    private static final String NOISE = "{}[]\":,0a-\\ \u0000\u00e9.";

    private static SecurityFinding only(String fixture) {
        ParsedEvent parsed = FindingEvents.read(Fixtures.event(fixture));
        assertEquals(List.of(), parsed.problems(), fixture);
        assertEquals(1, parsed.findings().size(), fixture);
        return parsed.findings().get(0);
    }

    private static List<String> ips(SecurityFinding finding) {
        return finding.remoteIps().stream().map(RemoteIp::text).toList();
    }

    private static Set<IpLocation> locations(SecurityFinding finding) {
        return finding.remoteIps().stream().map(RemoteIp::location).collect(Collectors.toSet());
    }

    @Test
    void guardDutyNetworkConnection() {
        SecurityFinding finding = only("guardduty-network-connection.json");
        assertEquals(FindingSource.GUARDDUTY, finding.source());
        assertEquals("5ec4f2b1a0d34b7f9c1e2d3a4b5c6d71", finding.id());
        assertEquals("UnauthorizedAccess:EC2/MaliciousIPCaller.Custom", finding.type());
        assertEquals(new FindingSeverity(5.0, SeverityLabel.MEDIUM), finding.severity());
        assertEquals(ResourceRole.TARGET, finding.resourceRole());
        assertEquals(List.of("198.51.100.23"), ips(finding));
        assertEquals("detail.service.action.networkConnectionAction.remoteIpDetails.ipAddressV4",
                finding.remoteIps().get(0).path());
        assertEquals(Set.of(IpLocation.NETWORK_CONNECTION), locations(finding));
        assertEquals(Optional.of("i-0a1b2c3d4e5f60718"), finding.instanceId());
        assertEquals(List.of("subnet-0f1e2d3c4b5a69788"), finding.subnetIds());
        assertEquals("123456789012", finding.accountId());
        assertEquals("eu-west-1", finding.region());
        assertTrue(finding.securityHub().isEmpty());
        assertFalse(finding.archived());
    }

    @Test
    void guardDutyPortProbeReadsEveryEntryV4AndV6() {
        SecurityFinding finding = only("guardduty-port-probe.json");
        assertEquals(List.of("203.0.113.45", "192.0.2.77", "2001:db8:4f::17", "203.0.113.45"), ips(finding));
        assertEquals(Set.of(IpLocation.PORT_PROBE), locations(finding));
        assertEquals("detail.service.action.portProbeAction.portProbeDetails[2].remoteIpDetails.ipAddressV6",
                finding.remoteIps().get(2).path());
    }

    @Test
    void guardDutyAwsApiCall() {
        SecurityFinding finding = only("guardduty-aws-api-call.json");
        assertEquals(List.of("198.51.100.201"), ips(finding));
        assertEquals(Set.of(IpLocation.AWS_API_CALL), locations(finding));
        assertTrue(finding.instanceId().isEmpty(), "an access key finding names no instance");
    }

    @Test
    void guardDutyKubernetesApiCall() {
        SecurityFinding finding = only("guardduty-kubernetes-api-call.json");
        assertEquals(List.of("192.0.2.201"), ips(finding));
        assertEquals(Set.of(IpLocation.KUBERNETES_API_CALL), locations(finding));
    }

    @Test
    void guardDutyIpv6() {
        SecurityFinding finding = only("guardduty-ipv6.json");
        assertEquals(List.of("2001:DB8:0:0:8:800:200C:417A"), ips(finding), "raw text is kept");
        assertEquals("2001:db8::8:800:200c:417a", finding.remoteIps().get(0).address().orElseThrow().toString());
    }

    @Test
    void guardDutyActorAndDns() {
        assertEquals(ResourceRole.ACTOR, only("guardduty-actor.json").resourceRole());
        SecurityFinding dns = only("guardduty-dns-request.json");
        assertEquals(List.of(), dns.remoteIps());
        assertEquals("Backdoor:EC2/C&CActivity.B!DNS", dns.type());
    }

    @Test
    void securityHubNetworkConnectionReadsActionAndProductFields() {
        SecurityFinding finding = only("securityhub-network-connection.json");
        assertEquals(FindingSource.SECURITY_HUB, finding.source());
        assertEquals("UnauthorizedAccess:EC2/MaliciousIPCaller.Custom", finding.type());
        assertEquals(new FindingSeverity(5.0, SeverityLabel.MEDIUM), finding.severity());
        assertEquals(ResourceRole.TARGET, finding.resourceRole());
        assertEquals(List.of("198.51.100.23", "198.51.100.23"), ips(finding), "Action and ProductFields both");
        assertTrue(finding.remoteIps().get(0).path().endsWith("Action.NetworkConnectionAction.RemoteIpDetails.IpAddressV4"));
        assertTrue(finding.remoteIps().get(1).path().contains(".ProductFields.aws/guardduty/service/action/"));
        SecurityHubState hub = finding.securityHub().orElseThrow();
        assertEquals("arn:aws:securityhub:eu-west-1::product/aws/guardduty", hub.productArn());
        assertEquals("NEW", hub.workflowStatus());
        assertEquals("ACTIVE", hub.recordState());
        assertTrue(hub.fromGuardDuty());
        assertTrue(hub.noteUpdatedBy().isEmpty());
        assertEquals(Optional.of("i-0a1b2c3d4e5f60718"), finding.instanceId());
        assertEquals(List.of("subnet-0f1e2d3c4b5a69788"), finding.subnetIds());
    }

    @Test
    void securityHubPortProbeReadsEveryDetailAndProductField() {
        SecurityFinding finding = only("securityhub-port-probe.json");
        assertEquals(List.of("203.0.113.45", "192.0.2.77", "203.0.113.45", "192.0.2.77", "2001:db8:4f::17"),
                ips(finding));
        assertEquals(Set.of(IpLocation.PORT_PROBE), locations(finding));
        assertEquals("Recon:EC2/PortProbeUnprotectedPort", finding.type());
    }

    @Test
    void securityHubApiCallAndProductFieldsOnly() {
        SecurityFinding api = only("securityhub-aws-api-call.json");
        assertEquals(Set.of("198.51.100.201"), Set.copyOf(ips(api)));
        assertEquals(Set.of(IpLocation.AWS_API_CALL), locations(api));
        assertTrue(api.instanceId().isEmpty());
        SecurityFinding fieldsOnly = only("securityhub-product-fields-only.json");
        assertEquals(List.of("2001:db8::8:800:200c:417a"), ips(fieldsOnly));
        assertEquals(Set.of(IpLocation.NETWORK_CONNECTION), locations(fieldsOnly));
    }

    @Test
    void securityHubOwnUpdateCarriesOurNote() {
        SecurityHubState hub = only("securityhub-own-update.json").securityHub().orElseThrow();
        assertEquals("NOTIFIED", hub.workflowStatus());
        assertEquals(Optional.of("portcullis-response"), hub.noteUpdatedBy());
    }

    @Test
    void securityHubReadsEveryFindingOfTheEvent() {
        ParsedEvent parsed = FindingEvents.read(Fixtures.event("securityhub-multiple-findings.json"));
        assertEquals(List.of(), parsed.problems());
        assertEquals(3, parsed.findings().size());
        assertEquals(List.of(2.0, 7.5, 5.0), parsed.findings().stream().map(f -> f.severity().score()).toList());
        assertEquals(SeverityLabel.HIGH, parsed.findings().get(1).severity().label());
    }

    @ParameterizedTest
    @CsvSource({
            "TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce, UnauthorizedAccess:EC2/SSHBruteForce",
            "TTPs/Command and Control/Backdoor:EC2-C&CActivity.B!DNS, Backdoor:EC2/C&CActivity.B!DNS",
            "TTPs/PenTest:S3/KaliLinux, PenTest:S3/KaliLinux",
            "TTPs//UnauthorizedAccess:IAMUser-MaliciousIPCaller, UnauthorizedAccess:IAMUser/MaliciousIPCaller",
            "Effects/Data Exposure/Policy:S3-BucketBlockPublicAccessDisabled, Policy:S3/BucketBlockPublicAccessDisabled",
            "Software and Configuration Checks/Vulnerabilities/CVE, Software and Configuration Checks/Vulnerabilities/CVE"})
    void asffTypesBecomeGuardDutyTypes(String asff, String guardDuty) {
        assertEquals(guardDuty, FindingEvents.guardDutyType(asff));
    }

    @Test
    void asffSeverityFallsBackFromProductToLabelToNormalized() {
        String template = """
                {"source":"aws.securityhub","detail-type":"Security Hub Findings - Imported","region":"eu-west-1",
                 "detail":{"findings":[{"Id":"f","ProductArn":"arn:aws:securityhub:eu-west-1::product/aws/guardduty",
                 "Types":["TTPs/Discovery/Recon:EC2-Portscan"],"Severity":%s}]}}""";
        assertEquals(new FindingSeverity(7.0, SeverityLabel.HIGH), severity(template, "{\"Label\":\"HIGH\"}"));
        assertEquals(new FindingSeverity(8.2, SeverityLabel.HIGH),
                severity(template, "{\"Label\":\"HIGH\",\"Product\":8.2}"));
        assertEquals(new FindingSeverity(4.5, SeverityLabel.MEDIUM), severity(template, "{\"Normalized\":45}"));
        assertEquals(new FindingSeverity(9.0, SeverityLabel.CRITICAL), severity(template, "{\"Label\":\"critical\"}"));
        assertEquals("eu-west-1", FindingEvents.read(template.formatted("{\"Label\":\"LOW\"}")).findings().get(0).region(),
                "region falls back to the event's");
    }

    private static FindingSeverity severity(String template, String severity) {
        ParsedEvent parsed = FindingEvents.read(template.formatted(severity));
        assertEquals(List.of(), parsed.problems(), severity);
        return parsed.findings().get(0).severity();
    }

    @Test
    void invalidIpsAreKeptAsTextForTheDecisionToSkip() {
        SecurityFinding finding = only("invalid-ips.json");
        assertEquals(List.of("999.12.1.1", "attacker.example.com", "12345", "2001:db8::zz", "198.51.100.61"),
                ips(finding));
        assertEquals(1, finding.remoteIps().stream().filter(ip -> ip.address().isPresent()).count());
    }

    @Test
    void missingRoleIsUnknown() {
        String event = Fixtures.event("guardduty-network-connection.json").replace("\"resourceRole\": \"TARGET\",", "");
        assertEquals(ResourceRole.UNKNOWN, FindingEvents.read(event).findings().get(0).resourceRole());
    }

    static List<Path> malformed() {
        return Fixtures.malformed();
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedEventsAreProblemsLenientlyAndErrorsStrictly(Path fixture) {
        String text = Fixtures.read(fixture);
        ParsedEvent parsed = FindingEvents.read(text);
        assertFalse(parsed.problems().isEmpty(), fixture.toString());
        parsed.problems().forEach(p -> assertFalse(p.reason().isBlank()));
        MalformedEventException e = assertThrows(MalformedEventException.class, () -> FindingEvents.readStrict(text));
        assertEquals(parsed.problems(), e.problems());
        assertTrue(e.getMessage().startsWith("malformed event: "));
    }

    @Test
    void problemsNameThePathAndWhatIsWrong() {
        ParsedEvent missing = FindingEvents.read(Fixtures.event("malformed/missing-fields.json"));
        assertEquals(List.of(new EventProblem("detail.type", "missing"), new EventProblem("detail.severity", "missing")),
                missing.problems());
        ParsedEvent wrong = FindingEvents.read(Fixtures.event("malformed/wrong-types.json"));
        assertEquals(List.of(new EventProblem("detail.severity", "must be a number")), wrong.problems());
        ParsedEvent unsupported = FindingEvents.read(Fixtures.event("malformed/unsupported-source.json"));
        assertEquals(EventKind.UNSUPPORTED, unsupported.kind());
        assertTrue(unsupported.problems().get(0).reason().contains("aws.ec2"));
        assertTrue(FindingEvents.read(Fixtures.event("malformed/truncated.json")).problems().get(0).reason()
                .startsWith("not valid JSON"));
    }

    @Test
    void oneBadFindingDoesNotStopTheOthers() {
        ParsedEvent parsed = FindingEvents.read(Fixtures.event("malformed/securityhub-partly-malformed.json"));
        assertEquals(1, parsed.findings().size());
        assertEquals(List.of("198.51.100.23", "198.51.100.23"), ips(parsed.findings().get(0)));
        assertEquals(List.of("detail.findings[0].Id", "detail.findings[2].Severity.Label"),
                parsed.problems().stream().map(EventProblem::path).toList());
    }

    @Test
    void portProbeDetailsThatIsNotAListIsAProblemButTheFindingIsKept() throws Exception {
        ObjectNode event = (ObjectNode) ResponseJson.mapper().readTree(Fixtures.event("guardduty-port-probe.json"));
        ObjectNode probe = (ObjectNode) event.at("/detail/service/action/portProbeAction");
        probe.set("portProbeDetails", probe.get("portProbeDetails").get(0));
        ParsedEvent parsed = FindingEvents.read(event);
        assertEquals(List.of(new EventProblem("detail.service.action.portProbeAction.portProbeDetails",
                "missing or not an array")), parsed.problems());
        assertEquals(1, parsed.findings().size());
    }

    @Test
    void wellFormedFixturesReadStrictly() throws Exception {
        for (Path fixture : Fixtures.wellFormed()) {
            assertFalse(FindingEvents.readStrict(Fixtures.read(fixture)).isEmpty(), fixture.toString());
        }
    }

    @Test
    void strictRejectsAnEventWithoutFindings() {
        assertThrows(MalformedEventException.class, () -> FindingEvents.readStrict("""
                {"source":"aws.securityhub","detail-type":"Security Hub Findings - Imported","detail":{"findings":[]}}"""));
    }

    @Test
    void duplicateKeysAndTrailingGarbageAreMalformed() {
        assertFalse(FindingEvents.read("{\"source\":\"aws.guardduty\",\"source\":\"x\"}").problems().isEmpty());
        String event = Fixtures.event("guardduty-network-connection.json");
        assertTrue(FindingEvents.read(event + "{}").findings().isEmpty());
    }

    @Test
    void lenientReadingNeverThrowsOnMutatedOrHostileInput() {
        Random random = new Random(20261120L);
        List<String> seeds = Fixtures.wellFormed().stream().map(Fixtures::read).toList();
        for (int round = 0; round < 3000; round++) {
            String seed = seeds.get(random.nextInt(seeds.size()));
            char[] chars = seed.toCharArray();
            int edits = 1 + random.nextInt(8);
            for (int i = 0; i < edits; i++) {
                chars[random.nextInt(chars.length)] = NOISE.charAt(random.nextInt(NOISE.length()));
            }
            String mutated = random.nextBoolean() ? new String(chars)
                    : new String(chars, 0, random.nextInt(chars.length));
            ParsedEvent parsed = FindingEvents.read(mutated);
            assertTrue(parsed.findings().size() + parsed.problems().size() > 0);
        }
        for (String hostile : new String[]{null, "", "null", "[]", "42", "\"x\"", "{}", "[".repeat(100_000),
                "{\"a\":".repeat(50_000), "{\"source\":\"aws.guardduty\",\"detail-type\":\"GuardDuty Finding\",\"detail\":[]}"}) {
            ParsedEvent parsed = FindingEvents.read(hostile);
            assertTrue(parsed.findings().isEmpty());
            assertFalse(parsed.problems().isEmpty());
        }
    }
}
