package dev.portcullis.response.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.lambda.aws.DynamoDbBlocklist;
import dev.portcullis.response.lambda.aws.DynamoDbResponseLedger;
import dev.portcullis.response.lambda.aws.Ec2InstanceInventory;
import dev.portcullis.response.lambda.aws.Ec2InstanceIsolation;
import dev.portcullis.response.lambda.aws.NotificationTargets;
import dev.portcullis.response.lambda.aws.SecurityHubFindingStatus;
import dev.portcullis.response.lambda.localaws.FakeSecurityHubFindings;
import dev.portcullis.response.lambda.localaws.MotoServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The instance playbooks over local parts: EC2, Auto Scaling and ELB on moto_server, the Security Hub fake, and
 * (for the kill switch) the blocklist and rate-limit tables in DynamoDB Local; a recording notifier and a clock the
 * test moves.
 */
final class PlaybookRig implements AutoCloseable {
    final Ec2Client ec2;
    final AutoScalingClient autoScaling;
    final ElasticLoadBalancingV2Client loadBalancing;
    final FakeSecurityHubFindings securityHub = FakeSecurityHubFindings.start();
    final RecordingNotifier notifier = new RecordingNotifier();
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(1)));
    final String vpc;
    final String subnet;
    final String image;
    private final DynamoDbClient dynamo;
    private final String blocklistTable;
    private final String ledgerTable;

    PlaybookRig(MotoServer moto, DynamoDbClient dynamo, String blocklistTable, String ledgerTable) {
        ec2 = moto.configure(Ec2Client.builder()).build();
        autoScaling = moto.configure(AutoScalingClient.builder()).build();
        loadBalancing = moto.configure(ElasticLoadBalancingV2Client.builder()).build();
        this.dynamo = dynamo;
        this.blocklistTable = blocklistTable;
        this.ledgerTable = ledgerTable;
        vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a"))
                .subnet().subnetId();
        image = ec2.describeImages().images().get(0).imageId();
    }

    PlaybookAdapters adapters(String configYaml) {
        ResponseConfig config = ResponseConfig.parse(configYaml, "test config");
        return new PlaybookAdapters(config,
                new Ec2InstanceInventory(ec2, autoScaling, loadBalancing),
                new Ec2InstanceIsolation(ec2, autoScaling, loadBalancing, config.quarantine()),
                new NotificationTargets(List.of(new NotificationTargets.Named("recording", notifier))),
                new SecurityHubFindingStatus(securityHub.client()),
                dynamo == null ? null : new DynamoDbBlocklist(dynamo, blocklistTable),
                dynamo == null ? Optional.empty() : Optional.of(new DynamoDbResponseLedger(dynamo, ledgerTable)),
                clock);
    }

    DynamoDbBlocklist blocklist() {
        return new DynamoDbBlocklist(dynamo, blocklistTable);
    }

    String securityGroup(String name) {
        return ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName(name).description(name)).groupId();
    }

    /**
     * An instance whose groups are given on its network interface, as for any instance in a VPC. (moto adds groups
     * given at the instance level to every interface's groups forever, which no interface-level change can remove;
     * EC2 keeps them on the primary interface only.)
     */
    String runInstance(String... groups) {
        return ec2.runInstances(b -> b.imageId(image).minCount(1).maxCount(1)
                        .networkInterfaces(n -> n.deviceIndex(0).subnetId(subnet).groups(groups)))
                .instances().get(0).instanceId();
    }

    Instance describe(String instanceId) {
        return ec2.describeInstances(b -> b.instanceIds(instanceId)).reservations().get(0).instances().get(0);
    }

    /** Security groups of each of the instance's network interfaces, by interface id. */
    Map<String, List<String>> groups(String instanceId) {
        Map<String, List<String>> out = new TreeMap<>();
        for (InstanceNetworkInterface eni : describe(instanceId).networkInterfaces()) {
            String id = eni.networkInterfaceId();
            out.put(id, ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(id)).networkInterfaces().get(0)
                    .groups().stream().map(g -> g.groupId()).sorted().toList());
        }
        return out;
    }

    Map<String, String> tags(String instanceId) {
        Map<String, String> out = new TreeMap<>();
        describe(instanceId).tags().forEach(t -> out.put(t.key(), t.value()));
        return out;
    }

    List<String> volumes(String instanceId) {
        return describe(instanceId).blockDeviceMappings().stream().map(m -> m.ebs().volumeId()).toList();
    }

    /** Snapshots tagged as forensic copies of the instance. */
    List<String> forensicSnapshots(String instanceId) {
        return ec2.describeSnapshots(b -> b.filters(
                        f -> f.name("tag:portcullis:instance").values(instanceId)))
                .snapshots().stream().map(s -> s.volumeId()).sorted().toList();
    }

    static JsonNode invoke(PlaybookHandler handler, String input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null);
            return ResponseJson.mapper().readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        ec2.close();
        autoScaling.close();
        loadBalancing.close();
        securityHub.close();
    }
}
