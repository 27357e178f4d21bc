package dev.portcullis.response.lambda.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.audit.ResourceReader;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.lambda.localaws.FakeCloudControl;
import dev.portcullis.response.lambda.localaws.MotoServer;
import dev.portcullis.response.lambda.localaws.MotoServerExtension;
import dev.portcullis.response.plan.PlannedAction.DeleteFunctionUrl;
import dev.portcullis.response.plan.PlannedAction.RestorePublicAccessBlock;
import dev.portcullis.response.plan.PlannedAction.RevokeIngress;
import dev.portcullis.response.port.ChangeReverts.Outcome;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudcontrol.CloudControlClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

/**
 * The audit's AWS adapters: reverts against moto_server (EC2 security groups, S3 Block Public Access, Lambda function
 * URLs), and the Cloud Control read against {@link FakeCloudControl} (moto has no Cloud Control).
 */
@ExtendWith(MotoServerExtension.class)
class AuditAdaptersTest {
    private Ec2Client ec2;
    private S3Client s3;
    private LambdaClient lambda;
    private AwsChangeReverts reverts;

    @BeforeEach
    void clients(MotoServer moto) {
        ec2 = moto.configure(Ec2Client.builder()).build();
        s3 = moto.configure(S3Client.builder()).forcePathStyle(true).build();
        lambda = moto.configure(LambdaClient.builder()).build();
        reverts = new AwsChangeReverts(ec2, s3, lambda);
    }

    @AfterEach
    void close() {
        ec2.close();
        s3.close();
        lambda.close();
    }

    private static RevokeIngress revoke(String group, String protocol, Integer port, String cidr) {
        return new RevokeIngress(group, null, protocol, port, port, cidr, List.of("ec2-sg-no-world-admin-ports"),
                "arn:aws:iam::111122223333:user/alice", "test");
    }

    private Set<String> ingress(String group) {
        return ec2.describeSecurityGroups(r -> r.groupIds(group)).securityGroups().get(0).ipPermissions().stream()
                .flatMap(p -> java.util.stream.Stream.concat(
                        p.ipRanges().stream().map(r -> p.ipProtocol() + " " + p.fromPort() + " " + r.cidrIp()),
                        p.ipv6Ranges().stream().map(r -> p.ipProtocol() + " " + p.fromPort() + " " + r.cidrIpv6())))
                .collect(Collectors.toSet());
    }

    @Test
    void revokesExactlyTheOffendingPermission() {
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.40.0.0/16")).vpc().vpcId();
        String group = ec2.createSecurityGroup(r -> r.groupName("web").description("web").vpcId(vpc)).groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(
                IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22)
                        .ipRanges(b -> b.cidrIp("0.0.0.0/0"), b -> b.cidrIp("192.0.2.0/24")).build(),
                IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443).ipRanges(b -> b.cidrIp("0.0.0.0/0"))
                        .build(),
                IpPermission.builder().ipProtocol("-1").ipv6Ranges(b -> b.cidrIpv6("::/0")).build()));

        assertEquals(Outcome.REVERTED, reverts.revokeIngress(revoke(group, "tcp", 22, "0.0.0.0/0")));
        assertEquals(Set.of("tcp 22 192.0.2.0/24", "tcp 443 0.0.0.0/0", "-1 null ::/0"), ingress(group),
                "the admin network's SSH and the world's HTTPS stay");
        assertEquals(Outcome.REVERTED, reverts.revokeIngress(revoke(group, "-1", null, "::/0")));
        assertEquals(Set.of("tcp 22 192.0.2.0/24", "tcp 443 0.0.0.0/0"), ingress(group));
        assertEquals(Outcome.ALREADY_REVERTED, reverts.revokeIngress(revoke(group, "tcp", 22, "0.0.0.0/0")));
        assertEquals(Outcome.ALREADY_REVERTED, reverts.revokeIngress(revoke("sg-0000000000000dead", "tcp", 22,
                "0.0.0.0/0")), "a group deleted meanwhile has nothing left to revoke");
    }

    @Test
    void restoresEveryBlockPublicAccessSetting() {
        s3.createBucket(r -> r.bucket("example-reports"));
        s3.putPublicAccessBlock(r -> r.bucket("example-reports").publicAccessBlockConfiguration(c -> c
                .blockPublicAcls(true).ignorePublicAcls(false).blockPublicPolicy(false).restrictPublicBuckets(false)));
        RestorePublicAccessBlock restore = new RestorePublicAccessBlock("example-reports", List.of(), "x", "test");
        assertEquals(Outcome.REVERTED, reverts.restorePublicAccessBlock(restore));
        PublicAccessBlockConfiguration now = s3.getPublicAccessBlock(r -> r.bucket("example-reports"))
                .publicAccessBlockConfiguration();
        assertTrue(now.blockPublicAcls() && now.ignorePublicAcls() && now.blockPublicPolicy()
                && now.restrictPublicBuckets(), now.toString());
        assertEquals(Outcome.ALREADY_REVERTED, reverts.restorePublicAccessBlock(
                new RestorePublicAccessBlock("no-such-bucket-anywhere", List.of(), "x", "test")));
    }

    @Test
    void deletesTheFunctionUrl(MotoServer moto) {
        String role;
        try (IamClient iam = moto.configure(IamClient.builder()).region(Region.AWS_GLOBAL).build()) {
            role = iam.createRole(r -> r.roleName("report-export").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                            + "\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
        }
        lambda.createFunction(r -> r.functionName("report-export").runtime(Runtime.JAVA21).role(role)
                .handler("x.Handler").code(c -> c.zipFile(SdkBytes.fromByteArray(emptyZip()))));
        lambda.createFunctionUrlConfig(r -> r.functionName("report-export").authType(FunctionUrlAuthType.NONE));
        DeleteFunctionUrl delete = new DeleteFunctionUrl("report-export", null, List.of("lambda-url-auth-iam"), "x", "t");
        assertEquals(Outcome.REVERTED, reverts.deleteFunctionUrl(delete));
        assertThrows(ResourceNotFoundException.class, () -> lambda.getFunctionUrlConfig(r -> r.functionName("report-export")));
        // AWS answers a second delete with ResourceNotFoundException; moto accepts it, so the function deleted
        // meanwhile stands in for that case here.
        assertEquals(Outcome.ALREADY_REVERTED, reverts.deleteFunctionUrl(
                new DeleteFunctionUrl("no-such-function", null, List.of(), "x", "t")));
    }

    @Test
    void readsPropertiesThroughCloudControl() throws Exception {
        try (FakeCloudControl fake = FakeCloudControl.start(); CloudControlClient client = cloudControl(fake.endpoint())) {
            fake.put("AWS::EC2::SecurityGroup", "sg-0a1b2c3d4e5f60718", ResponseJson.mapper().readTree(
                    "{\"GroupDescription\": \"web\", \"SecurityGroupIngress\": [{\"IpProtocol\": \"tcp\", \"FromPort\": 22,"
                            + " \"ToPort\": 22, \"CidrIp\": \"0.0.0.0/0\"}]}"));
            fake.failing("AWS::IAM::AccessKey", "UnsupportedActionException");
            CloudControlResources resources = new CloudControlResources(client);
            assertEquals(22, resources.read("AWS::EC2::SecurityGroup", "sg-0a1b2c3d4e5f60718").orElseThrow()
                    .path("SecurityGroupIngress").path(0).path("FromPort").asInt());
            assertTrue(resources.read("AWS::EC2::SecurityGroup", "sg-0000000000000dead").isEmpty());
            ResourceReader.ResourceReadException e = assertThrows(ResourceReader.ResourceReadException.class,
                    () -> resources.read("AWS::IAM::AccessKey", "AKIAI44QH8DHBEXAMPLE"));
            assertTrue(e.getMessage().contains("AWS::IAM::AccessKey"), e.getMessage());
        }
    }

    static CloudControlClient cloudControl(URI endpoint) {
        return CloudControlClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .httpClientBuilder(ApacheHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1))).build();
    }

    /** A zip archive with no entries: moto stores the code without running it. */
    static byte[] emptyZip() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("Handler.class"));
            zip.write(new byte[] {0});
            zip.closeEntry();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
