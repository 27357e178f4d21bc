package dev.portcullis.response.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.response.net.Cidr;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The {@code quarantine} and {@code flow-logs} sections: defaults, every key, errors with their keys, round trip. */
class PlaybookSettingsTest {

    @Test
    void defaultsAreSafe() {
        ResponseConfig config = ResponseConfig.defaults();
        assertEquals(List.of(), config.quarantine().operatorSshCidrs(), "no SSH unless configured");
        assertEquals(List.of(), config.quarantine().egressHttpsCidrs(), "no egress unless configured");
        assertFalse(config.quarantine().dryRun(), "a person clicked Quarantine: it acts");
        assertTrue(config.flowLogs().dryRun(), "the automatic kill switch starts in dry-run");
        assertEquals(FlowLogResponse.SNAPSHOT_AND_ISOLATE, config.flowLogs().response());
        assertFalse(config.flowLogs().terminateAutoScalingMembers());
        assertEquals(5, config.flowLogs().maxResponses());
        assertEquals(Duration.ofHours(1), config.flowLogs().window());
    }

    @Test
    void everyKeyIsRead() {
        ResponseConfig config = ResponseConfig.parse("""
                quarantine:
                  operator-ssh-cidrs: [203.0.113.0/28, "2001:db8::/64"]
                  egress-https-cidrs: [10.0.255.0/28]
                  detach-from-auto-scaling: false
                  deregister-targets: false
                  snapshot-volumes: false
                  dry-run: true
                flow-logs:
                  response: notify
                  formats: ["${interface-id} ${srcaddr} ${dstaddr} ${action}"]
                  threat-list: [192.0.2.64/27]
                  trigger-on-initiated-reject: false
                  rate-limit: {max-responses: 2, window-minutes: 15}
                  terminate-auto-scaling-members: true
                  vpc-ids: [vpc-0c1d2e3f4a5b6c7d8]
                  dry-run: false
                """, "t.yaml");
        QuarantineSettings q = config.quarantine();
        assertEquals(List.of(Cidr.parse("203.0.113.0/28"), Cidr.parse("2001:db8::/64")), q.operatorSshCidrs());
        assertEquals(List.of(Cidr.parse("10.0.255.0/28")), q.egressHttpsCidrs());
        assertFalse(q.detachFromAutoScaling() || q.deregisterTargets() || q.snapshotVolumes());
        assertTrue(q.dryRun());
        FlowLogSettings f = config.flowLogs();
        assertEquals(FlowLogResponse.NOTIFY, f.response());
        assertEquals(List.of("interface-id", "srcaddr", "dstaddr", "action"), f.formats().get(0).fields());
        assertEquals(List.of(Cidr.parse("192.0.2.64/27")), f.threatList());
        assertFalse(f.triggerOnInitiatedReject());
        assertEquals(2, f.maxResponses());
        assertEquals(Duration.ofMinutes(15), f.window());
        assertTrue(f.terminateAutoScalingMembers());
        assertEquals(List.of("vpc-0c1d2e3f4a5b6c7d8"), f.vpcIds());
        assertFalse(f.dryRun());
        assertEquals(config, ResponseConfig.parse(config.toJson(), "round-trip.json"));
    }

    @Test
    void cdkContextStringsWork() {
        ResponseConfig config = ResponseConfig.fromMap(Map.of("flow-logs", Map.of("dry-run", "false",
                "vpc-ids", "vpc-0c1d2e3f4a5b6c7d8,vpc-0a9b8c7d6e5f40312", "rate-limit", Map.of("max-responses", "3"))));
        assertFalse(config.flowLogs().dryRun());
        assertEquals(2, config.flowLogs().vpcIds().size());
        assertEquals(3, config.flowLogs().maxResponses());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "quarantine: {operator-ssh-cidrs: [10.0.0.1/8]}      | quarantine.operator-ssh-cidrs[0] | host bits",
            "quarantine: {ssh: [10.0.0.0/8]}                     | quarantine.ssh                   | unknown key",
            "quarantine: {dry-run: maybe}                        | quarantine.dry-run               | true or false",
            "quarantine: []                                      | quarantine                       | mapping",
            "flow-logs: {response: explode}                      | flow-logs.response               | snapshot-and-terminate",
            "flow-logs: {formats: ['${srcaddr} ${dstaddr}']}     | flow-logs.formats[0]             | interface-id",
            "flow-logs: {formats: ['${version} ${bogus}']}       | flow-logs.formats[0]             | not a flow-log field",
            "flow-logs: {formats: ['srcaddr dstaddr']}           | flow-logs.formats[0]             | ${field-name}",
            "flow-logs: {threat-list: [not-a-cidr]}              | flow-logs.threat-list[0]         | ''",
            "flow-logs: {rate-limit: {max-responses: 0}}         | flow-logs.rate-limit.max-responses | outside",
            "flow-logs: {rate-limit: {per-hour: 3}}              | flow-logs.rate-limit.per-hour    | unknown key",
            "flow-logs: {vpc-ids: [my-vpc]}                      | flow-logs.vpc-ids[0]             | VPC id",
            "flow-logs: {vpc-ids: [vpc-0c1d2e3f4a5b6c7d8, vpc-0c1d2e3f4a5b6c7d8]} | flow-logs.vpc-ids | more than once"})
    void errorsNameTheKey(String yaml, String key, String fragment) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ResponseConfig.parse(yaml,
                "bad.yaml"));
        assertTrue(e.errors().stream().anyMatch(err -> err.key().equals(key) && err.message().contains(fragment)),
                e.errors().toString());
    }

    @Test
    void formatsThatRecordsCannotTellApartAreRefused() {
        // 14 fields, like the default v2 format.
        String fourteen = "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} "
                + "${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${tcp-flags}";
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ResponseConfig.parse(
                "flow-logs: {formats: ['" + fourteen + "']}", "bad.yaml"));
        assertEquals("flow-logs.formats", e.errors().get(0).key());
        assertTrue(e.errors().get(0).message().contains("both have 14 fields"), e.errors().toString());
    }

    @Test
    void everythingDryRunCoversThePlaybooks() {
        ResponseConfig config = ResponseConfig.parse("dry-run: false\nflow-logs: {dry-run: false}\n", "t.yaml")
                .withEverythingDryRun();
        assertTrue(config.dryRun() && config.quarantine().dryRun() && config.flowLogs().dryRun());
    }
}
