package dev.portcullis.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.portcullis.gate.Gate;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.config.AuditSettings;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.finding.MalformedEventException;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.PlannedAction;
import dev.portcullis.response.plan.PlannedAction.DeleteFunctionUrl;
import dev.portcullis.response.plan.PlannedAction.Notify;
import dev.portcullis.response.plan.PlannedAction.RestorePublicAccessBlock;
import dev.portcullis.response.plan.PlannedAction.RevokeIngress;
import dev.portcullis.response.plan.Skip;
import dev.portcullis.response.plan.SkipReason;

/**
 * The audit decision over every CloudTrail fixture, as the event states the change (replay) and over live
 * properties from a reader standing in for Cloud Control: the reverts each rule declares, the exemptions that stop
 * fight loops, and refusals of malformed events.
 */
class ChangeAuditTest {

    private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    private static final String GROUP = "sg-0a1b2c3d4e5f60718";
    private static final String BUCKET = "example-reports-111122223333";
    private static Gate gate;

    @BeforeAll
    static void gate() {
        gate = new Gate();
    }

    private static Plan replay(String fixture) throws MalformedEventException {
        return replay(fixture, ResponseConfig.defaults());
    }

    private static Plan replay(String fixture, ResponseConfig config) throws MalformedEventException {
        return new ChangeAudit(config, gate, List.of()).plan(CloudTrailFixtures.tree(fixture), Optional.empty());
    }

    private static Set<String> types(Plan plan) {
        return plan.actions().stream().map(a -> a.actionType().wireName()).collect(Collectors.toSet());
    }

    private static Set<SkipReason> skipCodes(Plan plan) {
        return plan.skipped().stream().map(Skip::code).collect(Collectors.toSet());
    }

    private static Notify notice(Plan plan) {
        List<Notify> notices = plan.actionsOf(Notify.class);
        assertEquals(1, notices.size(), "one notification per audited change: " + plan);
        return notices.get(0);
    }

    @Test
    void sshOpenedToTheWorldIsRevokedExactlyAndNotifiedWithWhoDidIt() throws Exception {
        Plan plan = replay("authorize-sg-ingress-ssh-world.json");
        assertTrue(plan.dryRun(), "dry-run is the default");
        RevokeIngress revoke = plan.actionsOf(RevokeIngress.class).get(0);
        assertEquals(1, plan.actionsOf(RevokeIngress.class).size());
        assertEquals(GROUP, revoke.securityGroupId());
        assertEquals("sgr-0123456789abcdef0", revoke.securityGroupRuleId());
        assertEquals("tcp", revoke.ipProtocol());
        assertEquals(22, revoke.fromPort());
        assertEquals(22, revoke.toPort());
        assertEquals("0.0.0.0/0", revoke.cidr());
        assertEquals(List.of("ec2-sg-no-world-admin-ports"), revoke.rules());
        assertEquals(ALICE, revoke.changedBy());
        Notify notice = notice(plan);
        assertTrue(notice.subject().startsWith("[dry-run] AuthorizeSecurityGroupIngress on " + GROUP + " by " + ALICE),
                notice.subject());
        assertTrue(notice.message().contains("ec2-sg-no-world-admin-ports (critical)"), notice.message());
        assertTrue(notice.message().contains("Would revert"), notice.message());
    }

    @Test
    void enforcingConfigurationPlansTheSameRevertsWithoutTheDryRunMark() throws Exception {
        Plan plan = replay("authorize-sg-ingress-ssh-world.json", ResponseConfig.defaults().withDryRun(false));
        assertFalse(plan.dryRun());
        assertEquals(Set.of("revoke-ingress", "notify"), types(plan));
        assertFalse(notice(plan).subject().startsWith("[dry-run]"));
        assertTrue(notice(plan).subject().endsWith("; reverting"), notice(plan).subject());
    }

    @Test
    void allTrafficFromEveryIpv6AddressIsOneRevokeForEveryRuleItBreaks() throws Exception {
        Plan plan = replay("authorize-sg-ingress-all-traffic-ipv6.json");
        List<RevokeIngress> revokes = plan.actionsOf(RevokeIngress.class);
        assertEquals(1, revokes.size());
        assertEquals("-1", revokes.get(0).ipProtocol());
        assertNull(revokes.get(0).fromPort());
        assertEquals("::/0", revokes.get(0).cidr());
        assertEquals(List.of("ec2-sg-no-world-admin-ports", "ec2-sg-no-world-all-ports"), revokes.get(0).rules());
        assertTrue(notice(plan).message().contains("ec2-sg-no-world-high-risk-ports"), "notify-only rules are named too");
    }

    @Test
    void modifiedRuleIsRevokedByItsId() throws Exception {
        RevokeIngress revoke = replay("modify-sg-rules-rdp-world.json").actionsOf(RevokeIngress.class).get(0);
        assertEquals("sgr-0a0b0c0d0e0f01020", revoke.securityGroupRuleId());
        assertEquals(3389, revoke.fromPort());
    }

    @Test
    void httpsFromTheWorldIsCompliant() throws Exception {
        Plan plan = replay("authorize-sg-ingress-https-world.json");
        assertTrue(plan.actions().isEmpty(), plan.toString());
        assertEquals(Set.of(SkipReason.COMPLIANT), skipCodes(plan));
    }

    @Test
    void ourOwnRoleIsNeverAuditedNorReverted() throws Exception {
        for (String fixture : List.of("authorize-sg-ingress-own-role.json", "put-bucket-public-access-block-on.json")) {
            Plan plan = replay(fixture);
            assertTrue(plan.actions().isEmpty(), fixture);
            assertEquals(Set.of(SkipReason.OWN_CHANGE), skipCodes(plan), fixture);
        }
    }

    @Test
    void configuredRolesAreOursToo() throws Exception {
        ResponseConfig trusting = ResponseConfig.defaults().withAudit(new AuditSettings(true,
                List.of("arn:aws:iam::111122223333:role/ops/deploy-pipeline")));
        // The CloudFormation fixture is made through deploy-pipeline: trusted, so not even notified.
        Plan plan = replay("authorize-sg-ingress-cloudformation.json", trusting.withAudit(trusting.audit()));
        assertEquals(Set.of(SkipReason.CLOUDFORMATION_CHANGE), skipCodes(plan), "CloudFormation is recognised first");
        String byAlice = CloudTrailFixtures.text("authorize-sg-ingress-ssh-world.json");
        Plan trustedAlice = new ChangeAudit(ResponseConfig.defaults(), gate, List.of("arn:aws:iam::111122223333:role/x"))
                .plan(ResponseJson.mapper().readTree(byAlice), Optional.empty());
        assertEquals(Set.of("revoke-ingress", "notify"), types(trustedAlice), "an IAM user is not a role of ours");
        String asRole = byAlice.replace("\"arn:aws:iam::111122223333:user/alice\"",
                "\"arn:aws:sts::111122223333:assumed-role/deploy-pipeline/session-1\"");
        Plan trustedRole = new ChangeAudit(trusting, gate, List.of()).plan(ResponseJson.mapper().readTree(asRole),
                Optional.empty());
        assertEquals(Set.of(SkipReason.OWN_CHANGE), skipCodes(trustedRole));
    }

    @Test
    void cloudFormationChangesAreNotifiedNeverReverted() throws Exception {
        Plan plan = replay("authorize-sg-ingress-cloudformation.json");
        assertEquals(Set.of("notify"), types(plan));
        assertEquals(Set.of(SkipReason.CLOUDFORMATION_CHANGE), skipCodes(plan));
        assertTrue(notice(plan).message().contains("Not reverted: made by CloudFormation"), notice(plan).message());
    }

    @Test
    void failedCallsChangedNothing() throws Exception {
        Plan plan = replay("authorize-sg-ingress-denied.json");
        assertTrue(plan.actions().isEmpty());
        assertEquals(Set.of(SkipReason.CHANGE_FAILED), skipCodes(plan));
    }

    @Test
    void publicBucketChangesRestoreTheBlock() throws Exception {
        for (String fixture : List.of("put-bucket-policy-public.json", "put-bucket-acl-public-read.json",
                "put-bucket-acl-grants-all-users-write.json", "delete-bucket-public-access-block.json",
                "put-bucket-public-access-block-off.json")) {
            Plan plan = replay(fixture);
            List<RestorePublicAccessBlock> restores = plan.actionsOf(RestorePublicAccessBlock.class);
            assertEquals(1, restores.size(), fixture + ": " + plan);
            assertEquals(BUCKET, restores.get(0).bucket(), fixture);
            assertEquals(Set.of("restore-public-access-block", "notify"), types(plan), fixture);
        }
        assertEquals(List.of("s3-bucket-block-public-acls", "s3-bucket-block-public-policy",
                        "s3-bucket-ignore-public-acls", "s3-bucket-restrict-public-buckets"),
                replay("delete-bucket-public-access-block.json").actionsOf(RestorePublicAccessBlock.class).get(0).rules());
        assertEquals(List.of("s3-bucket-block-public-policy", "s3-bucket-restrict-public-buckets"),
                replay("put-bucket-public-access-block-off.json").actionsOf(RestorePublicAccessBlock.class).get(0).rules());
        assertEquals(List.of("s3-bucket-acl-public-write"),
                replay("put-bucket-acl-grants-all-users-write.json").actionsOf(RestorePublicAccessBlock.class).get(0)
                        .rules());
    }

    @Test
    void publicFunctionUrlIsDeleted() throws Exception {
        Plan plan = replay("create-function-url-auth-none.json");
        DeleteFunctionUrl delete = plan.actionsOf(DeleteFunctionUrl.class).get(0);
        assertEquals("report-export", delete.functionName());
        assertNull(delete.qualifier());
        assertEquals(List.of("lambda-url-auth-iam"), delete.rules());
        String iamAuth = CloudTrailFixtures.text("create-function-url-auth-none.json").replace("\"NONE\"", "\"AWS_IAM\"");
        Plan compliant = new ChangeAudit(ResponseConfig.defaults(), gate, List.of())
                .plan(ResponseJson.mapper().readTree(iamAuth), Optional.empty());
        assertEquals(Set.of(SkipReason.COMPLIANT), skipCodes(compliant));
    }

    @Test
    void rulesWithoutARevertAreNotifiedOnly() throws Exception {
        Map<String, List<String>> expected = Map.of(
                "create-access-key.json", List.of("iam-user-no-active-access-keys"),
                "attach-user-policy-admin.json", List.of("iam-role-no-admin-managed-policy", "iam-user-no-attached-policies"),
                "put-user-policy-wildcard.json", List.of("iam-policy-no-full-admin", "iam-policy-no-privilege-escalation",
                        "iam-policy-no-wildcard-actions", "iam-user-no-attached-policies"),
                "modify-db-instance-public.json", List.of("rds-instance-not-public"));
        for (var e : expected.entrySet()) {
            Plan plan = replay(e.getKey());
            assertEquals(Set.of("notify"), types(plan), e.getKey());
            String message = notice(plan).message();
            for (String rule : e.getValue()) {
                assertTrue(message.contains("- " + rule + " ("), e.getKey() + " names " + rule + ": " + message);
            }
            assertEquals(e.getValue().size(), message.lines().filter(l -> l.startsWith("- ")).count(),
                    e.getKey() + ": only the rules the change breaks: " + message);
        }
    }

    @Test
    void replayJudgesOnlyWhatTheEventStates() throws Exception {
        // ModifyDBInstance states PubliclyAccessible only: the instance's deletion protection, backups and so on are
        // unknown to replay, not absent, so the rules about them say nothing.
        String message = notice(replay("modify-db-instance-public.json")).message();
        assertFalse(message.contains("rds-instance-deletion-protection"), message);
    }

    @ParameterizedTest
    @MethodSource("dev.portcullis.audit.CloudTrailFixtures#wellFormed")
    void everyFixtureIsDecidedWithReasons(Path fixture) throws Exception {
        Plan plan = new ChangeAudit(ResponseConfig.defaults(), gate, List.of())
                .plan(ResponseJson.mapper().readTree(Files.readString(fixture)), Optional.empty());
        assertFalse(plan.actions().isEmpty() && plan.skipped().isEmpty(), "a plan says what it did or why not");
        for (Skip skip : plan.skipped()) {
            assertFalse(skip.reason().isBlank(), fixture + ": " + skip);
        }
        for (PlannedAction action : plan.actions()) {
            if (!(action instanceof Notify)) {
                assertEquals(1, plan.actionsOf(Notify.class).size(), "every revert is notified: " + fixture);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.portcullis.audit.CloudTrailFixtures#malformed")
    void malformedEventsAreRefusedWithEveryReason(Path fixture) throws Exception {
        JsonNode event = ResponseJson.mapper().readTree(Files.readString(fixture));
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> new ChangeAudit(ResponseConfig.defaults(), gate, List.of()).plan(event, Optional.empty()));
        assertFalse(e.problems().isEmpty());
    }

    @Test
    void eventsThatAreNotCloudTrailAreRefused() {
        JsonNode guardDuty = ResponseJson.mapper().createObjectNode().put("detail-type", "GuardDuty Finding");
        assertThrows(MalformedEventException.class,
                () -> new ChangeAudit(ResponseConfig.defaults(), gate, List.of()).plan(guardDuty, Optional.empty()));
        assertThrows(MalformedEventException.class, () -> CloudTrailEvents.tree("{\"detail-type\": "));
    }

    // ---- live properties (what the Lambda reads through Cloud Control) ---------------------------------------

    /** Properties by type and identifier, standing in for Cloud Control's GetResource. */
    private static final class LiveResources implements ResourceReader {
        final Map<String, JsonNode> resources = new HashMap<>();
        final List<String> reads = new ArrayList<>();
        RuntimeException failure;

        LiveResources put(String type, String id, String json) throws Exception {
            resources.put(type + "|" + id, ResponseJson.mapper().readTree(json));
            return this;
        }

        @Override
        public Optional<JsonNode> read(String type, String identifier) {
            reads.add(type + "|" + identifier);
            if (failure != null) {
                throw failure;
            }
            return Optional.ofNullable(resources.get(type + "|" + identifier));
        }
    }

    private static Plan live(String fixture, LiveResources reader) throws Exception {
        return new ChangeAudit(ResponseConfig.defaults(), gate, List.of())
                .plan(CloudTrailFixtures.tree(fixture), Optional.of(reader));
    }

    @Test
    void liveGroupIsReadAndOnlyThePermissionThisChangeAddedIsRevoked() throws Exception {
        LiveResources reader = new LiveResources().put("AWS::EC2::SecurityGroup", GROUP, """
                {"GroupId": "sg-0a1b2c3d4e5f60718", "Id": "sg-0a1b2c3d4e5f60718", "GroupDescription": "web",
                 "VpcId": "vpc-0123456789abcdef0",
                 "SecurityGroupIngress": [
                   {"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "CidrIp": "0.0.0.0/0"},
                   {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"},
                   {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0"}]}""");
        Plan plan = live("authorize-sg-ingress-ssh-world.json", reader);
        assertEquals(List.of("AWS::EC2::SecurityGroup|" + GROUP), reader.reads);
        List<RevokeIngress> revokes = plan.actionsOf(RevokeIngress.class);
        assertEquals(1, revokes.size(), plan.toString());
        assertEquals(22, revokes.get(0).fromPort());
        String message = notice(plan).message();
        assertTrue(message.contains("port 3389") && message.contains("it was there before"), message);
    }

    @Test
    void permissionAlreadyGoneLeavesNothingToRevoke() throws Exception {
        LiveResources reader = new LiveResources().put("AWS::EC2::SecurityGroup", GROUP, """
                {"GroupId": "sg-0a1b2c3d4e5f60718", "GroupDescription": "web", "SecurityGroupIngress": []}""");
        Plan plan = live("authorize-sg-ingress-ssh-world.json", reader);
        assertTrue(plan.actions().isEmpty());
        assertEquals(Set.of(SkipReason.COMPLIANT), skipCodes(plan));
    }

    @Test
    void liveBucketWithoutABlockHasNoBlock() throws Exception {
        // PutBucketAcl: Cloud Control never returns the write-only AccessControl, so the event's is used; a live
        // bucket without a PublicAccessBlockConfiguration has none (in a template that would mean all on).
        LiveResources reader = new LiveResources().put("AWS::S3::Bucket", BUCKET, """
                {"BucketName": "example-reports-111122223333", "Arn": "arn:aws:s3:::example-reports-111122223333"}""");
        Plan acl = live("put-bucket-acl-public-read.json", reader);
        assertEquals(List.of("s3-bucket-acl-public-read"), acl.actionsOf(RestorePublicAccessBlock.class).get(0).rules());
        Plan policy = live("put-bucket-policy-public.json", reader.put("AWS::S3::BucketPolicy", BUCKET, """
                {"Bucket": "example-reports-111122223333", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                   "Resource": "arn:aws:s3:::example-reports-111122223333/*"}]}}"""));
        assertEquals(List.of("s3-bucket-not-public-via-policy"),
                policy.actionsOf(RestorePublicAccessBlock.class).get(0).rules());
    }

    @Test
    void liveBucketWhoseBlockIsBackOnIsCompliant() throws Exception {
        LiveResources reader = new LiveResources().put("AWS::S3::Bucket", BUCKET, """
                {"BucketName": "example-reports-111122223333", "PublicAccessBlockConfiguration": {
                  "BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true,
                  "RestrictPublicBuckets": true}}""");
        assertEquals(Set.of(SkipReason.COMPLIANT), skipCodes(live("delete-bucket-public-access-block.json", reader)));
    }

    @Test
    void resourceGoneMeansNothingToDo() throws Exception {
        Plan plan = live("create-function-url-auth-none.json", new LiveResources());
        assertTrue(plan.actions().isEmpty());
        assertEquals(Set.of(SkipReason.RESOURCE_NOT_FOUND), skipCodes(plan));
    }

    @Test
    void unreadableResourceIsJudgedAsTheEventStatesIt() throws Exception {
        LiveResources reader = new LiveResources();
        reader.failure = new ResourceReader.ResourceReadException("AccessDeniedException: not authorized", null);
        Plan plan = live("authorize-sg-ingress-ssh-world.json", reader);
        assertEquals(Set.of("revoke-ingress", "notify"), types(plan));
        assertEquals(Set.of(SkipReason.RESOURCE_UNREADABLE), skipCodes(plan));
        assertTrue(plan.skipped().get(0).reason().contains("AccessDeniedException"));
    }

    @Test
    void accessKeysAreNeverReadLive() throws Exception {
        LiveResources reader = new LiveResources();
        Plan plan = live("create-access-key.json", reader);
        assertTrue(reader.reads.isEmpty(), "Cloud Control cannot read access keys");
        assertEquals(Set.of("notify"), types(plan));
    }

    @Test
    void liveUserPoliciesAreJudgedWhole() throws Exception {
        ObjectNode user = ResponseJson.mapper().createObjectNode().put("UserName", "ci-uploader");
        user.putArray("Groups").add("uploaders");
        Plan clean = live("attach-user-policy-admin.json",
                new LiveResources().put("AWS::IAM::User", "ci-uploader", user.toString()));
        // The policy was detached again before the audit read the user: nothing is left to report.
        assertEquals(Set.of(SkipReason.COMPLIANT), skipCodes(clean));
    }
}
