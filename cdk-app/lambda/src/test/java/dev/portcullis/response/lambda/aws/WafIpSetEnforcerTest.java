package dev.portcullis.response.lambda.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.response.config.Backend;
import dev.portcullis.response.lambda.localaws.MotoServer;
import dev.portcullis.response.lambda.localaws.MotoServerExtension;
import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.port.EnforcementPoint;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.IPAddressVersion;
import software.amazon.awssdk.services.wafv2.model.IPSetSummary;
import software.amazon.awssdk.services.wafv2.model.Scope;

@ExtendWith(MotoServerExtension.class)
class WafIpSetEnforcerTest {
    private Wafv2Client waf;
    private WafIpSetEnforcer.IpSet v4;
    private WafIpSetEnforcer.IpSet v6;
    private WafIpSetEnforcer enforcer;

    @BeforeEach
    void ipSets(MotoServer moto) {
        waf = moto.configure(Wafv2Client.builder()).build();
        v4 = create("portcullis-v4", IPAddressVersion.IPV4, List.of("10.20.0.0/16"));
        v6 = create("portcullis-v6", IPAddressVersion.IPV6, List.of());
        enforcer = new WafIpSetEnforcer(waf, EnforcementPoint.of(Backend.WAF), "REGIONAL", v4, v6);
    }

    @AfterEach
    void close() {
        waf.close();
    }

    @Test
    void eachFamilyGoesToItsOwnSetAndHandAddedRangesAreKept() {
        enforcer.block(List.of(IpAddress.of("198.51.100.7"), IpAddress.of("2001:db8::7")));
        assertEquals(Set.of("10.20.0.0/16", "198.51.100.7/32"), addresses(v4));
        assertEquals(Set.of("2001:db8::7/128"), addresses(v6));
        assertEquals(Set.of(IpAddress.of("198.51.100.7"), IpAddress.of("2001:db8::7")), enforcer.current(),
                "the hand-added range is not one of ours");
        enforcer.unblock(List.of(IpAddress.of("198.51.100.7"), IpAddress.of("2001:db8::7")));
        assertEquals(Set.of("10.20.0.0/16"), addresses(v4));
        assertTrue(addresses(v6).isEmpty());
    }

    @Test
    void aLockTokenTakenByAnotherWriterIsRetried() {
        enforcer.block(List.of(IpAddress.of("192.0.2.1")));
        String token = waf.getIPSet(b -> b.name(v4.name()).id(v4.id()).scope(Scope.REGIONAL)).lockToken();
        // Another writer updates the set: every token read before is stale now.
        waf.updateIPSet(b -> b.name(v4.name()).id(v4.id()).scope(Scope.REGIONAL).lockToken(token)
                .addresses("10.20.0.0/16", "192.0.2.1/32", "192.0.2.99/32"));
        enforcer.block(List.of(IpAddress.of("192.0.2.2")));
        assertEquals(Set.of("10.20.0.0/16", "192.0.2.1/32", "192.0.2.2/32", "192.0.2.99/32"), addresses(v4));
    }

    private WafIpSetEnforcer.IpSet create(String name, IPAddressVersion version, List<String> addresses) {
        IPSetSummary summary = waf.createIPSet(b -> b.name(name).scope(Scope.REGIONAL).ipAddressVersion(version)
                .addresses(addresses).description("test")).summary();
        return new WafIpSetEnforcer.IpSet(summary.name(), summary.id());
    }

    private Set<String> addresses(WafIpSetEnforcer.IpSet set) {
        return new HashSet<>(waf.getIPSet(b -> b.name(set.name()).id(set.id()).scope(Scope.REGIONAL)).ipSet().addresses());
    }
}
