package dev.portcullis.response.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.lambda.aws.AwsChangeReverts;
import dev.portcullis.response.lambda.aws.CloudControlResources;
import dev.portcullis.response.lambda.localaws.FakeCloudControl;
import dev.portcullis.response.lambda.localaws.MotoServer;
import dev.portcullis.response.lambda.localaws.MotoServerExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudcontrol.CloudControlClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The audit function end to end on a CloudTrail fixture: the security group lives in moto_server, Cloud Control is
 * the {@link FakeCloudControl} serving what moto holds, and notifications are recorded.
 */
@ExtendWith(MotoServerExtension.class)
class AuditHandlerTest {
    private static final String OWN_ROLE = "arn:aws:iam::111122223333:role/portcullis-audit-us-east-1";

    private Ec2Client ec2;
    private FakeCloudControl cloudControl;
    private CloudControlClient cloudControlClient;
    private AwsChangeReverts reverts;
    private RecordingNotifier notifier;
    private String group;

    @BeforeEach
    void account(MotoServer moto) throws Exception {
        ec2 = moto.configure(Ec2Client.builder()).build();
        reverts = new AwsChangeReverts(ec2, moto.configure(S3Client.builder()).forcePathStyle(true).build(),
                moto.configure(LambdaClient.builder()).build());
        cloudControl = FakeCloudControl.start();
        cloudControlClient = CloudControlClient.builder().endpointOverride(cloudControl.endpoint()).region(Region.US_EAST_1)
                .httpClientBuilder(ApacheHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1))).build();
        notifier = new RecordingNotifier();
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.50.0.0/16")).vpc().vpcId();
        group = ec2.createSecurityGroup(r -> r.groupName("web").description("web").vpcId(vpc)).groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(
                IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(b -> b.cidrIp("0.0.0.0/0")).build(),
                IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443).ipRanges(b -> b.cidrIp("0.0.0.0/0")).build()));
        cloudControl.put("AWS::EC2::SecurityGroup", group, ResponseJson.mapper().readTree("""
                {"GroupDescription": "web", "GroupId": "%s", "Id": "%s", "SecurityGroupIngress": [
                  {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"},
                  {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0"}]}""".formatted(group, group)));
    }

    @AfterEach
    void close() {
        ec2.close();
        cloudControlClient.close();
        cloudControl.close();
    }

    private JsonNode invoke(String event, boolean dryRun) throws Exception {
        ResponseConfig config = ResponseConfig.defaults().withDryRun(dryRun);
        AuditAdapters adapters = new AuditAdapters(config, List.of(OWN_ROLE), new CloudControlResources(cloudControlClient),
                reverts, notifier);
        return invoke(event, () -> adapters);
    }

    private static JsonNode invoke(String event, Supplier<AuditAdapters> adapters) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new AuditHandler(adapters).handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return ResponseJson.mapper().readTree(out.toByteArray());
    }

    private String sshEvent() throws Exception {
        return Files.readString(Fixtures.events().resolve("cloudtrail/authorize-sg-ingress-ssh-world.json"))
                .replace("sg-0a1b2c3d4e5f60718", group);
    }

    private Set<Integer> openPorts() {
        return ec2.describeSecurityGroups(r -> r.groupIds(group)).securityGroups().get(0).ipPermissions().stream()
                .map(IpPermission::fromPort).collect(Collectors.toSet());
    }

    @Test
    void sshOpenedByHandIsRevokedAndNotifiedWithWhoDidIt() throws Exception {
        JsonNode out = invoke(sshEvent(), false);
        assertEquals("ok", out.get("status").asText(), out.toString());
        assertEquals(Set.of(443), openPorts(), "only the permission the change added is revoked");
        assertEquals(List.of("AWS::EC2::SecurityGroup|" + group), cloudControl.reads());
        assertEquals(1, notifier.sent().size());
        String message = notifier.sent().get(0).message();
        assertTrue(message.contains("Changed by: arn:aws:iam::111122223333:user/alice"), message);
        assertTrue(message.contains("Reverted:\n- revoke-ingress " + group + " tcp port 22 from 0.0.0.0/0"), message);
    }

    @Test
    void dryRunChangesNothingAndSaysWhatItWouldDo() throws Exception {
        JsonNode out = invoke(sshEvent(), true);
        assertEquals("ok", out.get("status").asText());
        assertEquals(Set.of(22, 443), openPorts());
        assertTrue(notifier.sent().get(0).subject().startsWith("[dry-run]"));
        assertTrue(out.path("result").path("reverted").isEmpty());
    }

    @Test
    void ourOwnChangeIsLeftAlone() throws Exception {
        String own = Files.readString(Fixtures.events().resolve("cloudtrail/authorize-sg-ingress-own-role.json"))
                .replace("sg-0a1b2c3d4e5f60718", group);
        JsonNode out = invoke(own, false);
        assertEquals("own-change", out.path("plan").path("skipped").path(0).path("code").asText(), out.toString());
        assertEquals(Set.of(22, 443), openPorts());
        assertTrue(notifier.sent().isEmpty());
        assertTrue(cloudControl.reads().isEmpty(), "not even read");
    }

    @Test
    void whatTheStacksOtherFunctionsChangeIsLeftAlone() throws Exception {
        String quarantineRole = "arn:aws:iam::111122223333:role/ResponseStack-FunctionsQuarantineRole-ABC123";
        AuditEnvironment env = AuditEnvironment.from(Map.of(
                LambdaEnvironment.CONFIG, ResponseConfig.defaults().withDryRun(false).toJson(),
                AuditEnvironment.AUDIT_ROLE_ARN, OWN_ROLE,
                AuditEnvironment.STACK_ROLE_ARNS, "arn:aws:iam::111122223333:role/ResponseStack-FunctionsEnforceRole-X, "
                        + quarantineRole));
        assertEquals(List.of(OWN_ROLE, "arn:aws:iam::111122223333:role/ResponseStack-FunctionsEnforceRole-X",
                quarantineRole), env.ownRoleArns());
        AuditAdapters adapters = new AuditAdapters(env.config(), env.ownRoleArns(),
                new CloudControlResources(cloudControlClient), reverts, notifier);
        com.fasterxml.jackson.databind.node.ObjectNode event =
                (com.fasterxml.jackson.databind.node.ObjectNode) ResponseJson.mapper().readTree(sshEvent());
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.path("detail").path("userIdentity"))
                .put("type", "AssumedRole")
                .put("arn", "arn:aws:sts::111122223333:assumed-role/ResponseStack-FunctionsQuarantineRole-ABC123/q")
                .remove("userName");
        String byQuarantine = event.toString();
        assertTrue(byQuarantine.contains("assumed-role/ResponseStack-FunctionsQuarantineRole"), "fixture rewritten");
        JsonNode out = invoke(byQuarantine, () -> adapters);
        assertEquals("own-change", out.path("plan").path("skipped").path(0).path("code").asText(), out.toString());
        assertEquals(Set.of(22, 443), openPorts(), "nothing revoked");
    }

    @Test
    void malformedEventsAndBrokenEnvironmentsNeverThrow() throws Exception {
        for (String bad : List.of("{", "[]", "{\"detail-type\": \"AWS API Call via CloudTrail\"}",
                Files.readString(Fixtures.events().resolve("cloudtrail/malformed/security-group-not-named.json")))) {
            JsonNode out = invoke(bad, false);
            assertEquals("ok", out.get("status").asText(), bad);
            assertEquals("malformed-event", out.path("plan").path("skipped").path(0).path("code").asText(), bad);
        }
        assertEquals(Set.of(22, 443), openPorts());
        assertTrue(notifier.sent().isEmpty());
        JsonNode broken = invoke(sshEvent(), () -> AuditAdapters.from(AuditEnvironment.from(Map.of()), null, null));
        assertEquals("failed", broken.get("status").asText());
        assertTrue(broken.get("reason").asText().contains("AUDIT_ROLE_ARN is not set"), broken.toString());
        assertFalse(broken.get("retryable").asBoolean());
    }

    @Test
    void aFailedRevertIsNotifiedAsFailed() throws Exception {
        ec2.deleteSecurityGroup(r -> r.groupId(group));
        ObjectNode event = (ObjectNode) ResponseJson.mapper().readTree(sshEvent());
        JsonNode out = invoke(event.toString(), false);
        // The group is gone from EC2 but Cloud Control (the fake) still shows it: the revoke finds nothing to remove.
        assertEquals("ok", out.get("status").asText(), out.toString());
        assertTrue(out.path("result").path("reverted").path(0).asText().endsWith("(already reverted)"), out.toString());
    }
}
