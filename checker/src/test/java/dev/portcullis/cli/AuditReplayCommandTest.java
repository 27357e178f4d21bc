package dev.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code portcullis replay} on CloudTrail change events: the audit's plan through {@link Main#run}. */
class AuditReplayCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String event(String name) {
        String root = System.getProperty("portcullis.root");
        return Path.of(root == null ? ".." : root, "fixtures", "events", "cloudtrail", name).toString();
    }

    private static JsonNode plan(String... args) throws Exception {
        CliRun run = CliRun.real(args);
        assertEquals(0, run.exit(), run.err());
        return JSON.readTree(run.out());
    }

    private static List<String> types(JsonNode plan) {
        List<String> out = new ArrayList<>();
        plan.get("actions").forEach(a -> out.add(a.get("type").asText()));
        return out;
    }

    @Test
    void sshOpenedToTheWorldPlansTheRevokeAndANotification() throws Exception {
        JsonNode plan = plan("replay", event("authorize-sg-ingress-ssh-world.json"), "--format", "json");
        assertEquals("cloudtrail-change", plan.get("matchedRules").get(0).asText());
        assertEquals(List.of("revoke-ingress", "notify"), types(plan));
        JsonNode revoke = plan.get("actions").get(0);
        assertEquals("sg-0a1b2c3d4e5f60718", revoke.get("securityGroupId").asText());
        assertEquals(22, revoke.get("fromPort").asInt());
        assertEquals("0.0.0.0/0", revoke.get("cidr").asText());
        assertEquals("arn:aws:iam::111122223333:user/alice", revoke.get("changedBy").asText());
        assertTrue(plan.get("actions").get(1).get("subject").asText().startsWith("[dry-run]"));
    }

    @Test
    void ourOwnRoleRevertsNothing() throws Exception {
        JsonNode plan = plan("replay", event("authorize-sg-ingress-own-role.json"), "--format", "json");
        assertEquals(List.of(), types(plan));
        assertEquals("own-change", plan.get("skipped").get(0).get("code").asText());
    }

    @Test
    void textPlanSaysWhoChangedWhat() {
        CliRun run = CliRun.real("replay", event("create-function-url-auth-none.json"));
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("delete-function-url report-export (changed by arn:aws:iam::111122223333:user/bob)"),
                run.out());
    }

    @Test
    void configuredTrustAndDisabledAuditChangeThePlan(@TempDir Path dir) throws Exception {
        Path trusting = Files.writeString(dir.resolve("trust.yaml"),
                "audit:\n  own-roles: [arn:aws:iam::111122223333:role/deploy-pipeline]\n");
        JsonNode plan = plan("replay", event("authorize-sg-ingress-cloudformation.json"), "--config",
                trusting.toString(), "--format", "json");
        assertEquals(List.of("notify"), types(plan), "CloudFormation changes are notified, not reverted");
        Path off = Files.writeString(dir.resolve("off.yaml"), "audit:\n  enabled: false\n");
        JsonNode disabled = plan("replay", event("authorize-sg-ingress-ssh-world.json"), "--config", off.toString(),
                "--format", "json");
        assertEquals(List.of(), types(disabled));
        assertEquals("no-rule-matched", disabled.get("skipped").get(0).get("code").asText());
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "audit:\n  own-roles: [deploy-pipeline]\n");
        CliRun refused = CliRun.real("replay", event("authorize-sg-ingress-ssh-world.json"), "--config", bad.toString());
        assertEquals(3, refused.exit());
        assertTrue(refused.err().contains("audit.own-roles[0]"), refused.err());
    }

    @Test
    void malformedChangeEventsAreExit3WithTheReason() {
        CliRun run = CliRun.real("replay", event("malformed/security-group-not-named.json"));
        assertEquals(3, run.exit());
        assertTrue(run.err().contains("malformed event: detail.requestParameters.groupId: missing"), run.err());
        assertEquals(1, run.errLines().size());
    }
}
