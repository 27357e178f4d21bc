package dev.portcullis.response.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code audit:} section: defaults, values, errors with their keys, and the round trip through JSON. */
class AuditSettingsTest {

    @Test
    void enabledByDefaultWithNoTrustedRoles() {
        assertEquals(new AuditSettings(true, List.of()), ResponseConfig.defaults().audit());
    }

    @Test
    void readsRolesAndSwitchesOff() {
        ResponseConfig config = ResponseConfig.parse("""
                audit:
                  enabled: false
                  own-roles: [arn:aws:iam::111122223333:role/ops/deploy-pipeline]
                """, "test.yaml");
        assertFalse(config.audit().enabled());
        assertEquals(List.of("arn:aws:iam::111122223333:role/ops/deploy-pipeline"), config.audit().ownRoles());
        assertEquals(config, ResponseConfig.parse(config.toJson(), "round-trip.json"));
    }

    @Test
    void everyProblemNamesItsKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ResponseConfig.parse("""
                audit:
                  enabled: maybe
                  own-roles: [deploy-pipeline, "arn:aws:iam::111122223333:user/alice"]
                  owner: me
                """, "bad.yaml"));
        List<String> keys = e.errors().stream().map(ConfigError::key).toList();
        assertTrue(keys.containsAll(List.of("audit.enabled", "audit.own-roles[0]", "audit.own-roles[1]",
                "audit.owner")), keys.toString());
        assertThrows(InvalidConfigException.class, () -> ResponseConfig.parse("audit: yes", "bad.yaml"));
    }

    @Test
    void theResponderRoleIsNamedAfterItsRegion() {
        assertEquals("portcullis-audit-eu-west-1", AuditSettings.responderRoleName("EU-WEST-1"));
    }
}
