package dev.portcullis.response.service;

import dev.portcullis.response.config.Backend;
import dev.portcullis.response.port.EnforcementPoint;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EnforcementPointTest {

    @Test
    void keyRoundTrips() {
        EnforcementPoint ruleGroup = new EnforcementPoint(Backend.NETWORK_FIREWALL,
                "arn:aws:network-firewall:eu-west-1:123456789012:stateless-rulegroup/blocklist");
        assertEquals("network-firewall:arn:aws:network-firewall:eu-west-1:123456789012:stateless-rulegroup/blocklist",
                ruleGroup.key());
        assertEquals(ruleGroup, EnforcementPoint.parse(ruleGroup.key()));
        assertEquals(EnforcementPoint.of(Backend.WAF), EnforcementPoint.parse("waf"));
        assertEquals(new EnforcementPoint(Backend.NACL, "acl-1"), EnforcementPoint.parse("nacl:acl-1"));
        assertEquals("", new EnforcementPoint(Backend.WAF, null).target());
        assertThrows(IllegalArgumentException.class, () -> EnforcementPoint.parse("firewall:x"));
    }
}
