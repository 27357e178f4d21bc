package dev.portcullis.response.lambda.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.response.config.Backend;
import dev.portcullis.response.config.NaclSettings;
import dev.portcullis.response.lambda.localaws.MotoServer;
import dev.portcullis.response.lambda.localaws.MotoServerExtension;
import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.plan.PlannedAction.BlockIp;
import dev.portcullis.response.port.EnforcementPoint;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.RuleAction;

@ExtendWith(MotoServerExtension.class)
class NetworkAclEnforcerTest {
    private Ec2Client ec2;
    private String vpc;
    private String subnet;
    private String instance;
    private String instanceAcl;

    @BeforeEach
    void network(MotoServer moto) {
        ec2 = moto.configure(Ec2Client.builder()).build();
        vpc = ec2.createVpc(b -> b.cidrBlock("10.30.0.0/16")).vpc().vpcId();
        subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.30.1.0/24")).subnet().subnetId();
        String otherSubnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.30.2.0/24")).subnet().subnetId();
        String image = ec2.describeImages().images().get(0).imageId();
        instance = ec2.runInstances(b -> b.imageId(image).minCount(1).maxCount(1).subnetId(subnet)).instances().get(0).instanceId();
        // The instance's subnet gets its own ACL, so the VPC's first (default) ACL is the wrong answer.
        instanceAcl = ec2.createNetworkAcl(b -> b.vpcId(vpc)).networkAcl().networkAclId();
        String association = ec2.describeNetworkAcls(b -> b.filters(Filter.builder().name("association.subnet-id").values(subnet).build()))
                .networkAcls().get(0).associations().stream().filter(a -> a.subnetId().equals(subnet)).findFirst().orElseThrow()
                .networkAclAssociationId();
        ec2.replaceNetworkAclAssociation(b -> b.associationId(association).networkAclId(instanceAcl));
        assertNotEquals(instanceAcl, aclOfSubnet(otherSubnet));
    }

    @AfterEach
    void close() {
        ec2.close();
    }

    @Test
    void resolvesTheAclOfTheAttackedInstancesSubnet() {
        InstanceNetworkAcls points = new InstanceNetworkAcls(ec2);
        BlockIp byInstance = block(Backend.NACL, instance, List.of());
        assertEquals(new EnforcementPoint(Backend.NACL, instanceAcl), points.resolve(byInstance).orElseThrow());
        BlockIp bySubnet = block(Backend.NACL, null, List.of(subnet));
        assertEquals(new EnforcementPoint(Backend.NACL, instanceAcl), points.resolve(bySubnet).orElseThrow());
        assertTrue(points.resolve(block(Backend.NACL, null, List.of())).isEmpty(), "no instance, no ACL");
        assertEquals(EnforcementPoint.of(Backend.NETWORK_FIREWALL), points.resolve(block(Backend.NETWORK_FIREWALL, null, List.of())).orElseThrow());
    }

    @Test
    void writesDenyEntriesBothWaysInTheReservedRange() {
        NetworkAclEnforcer nacl = enforcer(new NaclSettings(5, 4));
        nacl.block(List.of(IpAddress.of("198.51.100.7"), IpAddress.of("2001:db8::7")));
        List<NetworkAclEntry> ours = reservedEntries(5, 8);
        assertEquals(4, ours.size(), "inbound and outbound for each address");
        assertTrue(ours.stream().allMatch(e -> e.ruleAction() == RuleAction.DENY && "-1".equals(e.protocol())));
        assertEquals(Set.of("198.51.100.7/32", "2001:db8::7/128"),
                ours.stream().map(e -> e.cidrBlock() != null ? e.cidrBlock() : e.ipv6CidrBlock()).collect(Collectors.toSet()));
        assertEquals(Set.of(IpAddress.of("198.51.100.7"), IpAddress.of("2001:db8::7")), nacl.current());
        nacl.unblock(List.of(IpAddress.of("198.51.100.7")));
        assertEquals(Set.of(IpAddress.of("2001:db8::7")), nacl.current());
        assertEquals(2, reservedEntries(5, 8).size());
    }

    @Test
    void capacityIsTheRangeLessWhatTheQuotaLeaves() {
        NetworkAclEnforcer nacl = enforcer(new NaclSettings(1, 3));
        assertEquals(3, nacl.capacity());
        nacl.block(List.of(IpAddress.of("192.0.2.1"), IpAddress.of("192.0.2.2"), IpAddress.of("192.0.2.3")));
        assertThrows(CapacityExceededException.class, () -> nacl.block(List.of(IpAddress.of("192.0.2.4"))));
        nacl.update(List.of(IpAddress.of("192.0.2.4")), List.of(IpAddress.of("192.0.2.1")));
        assertEquals(Set.of(IpAddress.of("192.0.2.2"), IpAddress.of("192.0.2.3"), IpAddress.of("192.0.2.4")), nacl.current());
        for (int n = 0; n < 18; n++) {
            int number = 100 + n;
            ec2.createNetworkAclEntry(b -> b.networkAclId(instanceAcl).ruleNumber(number).egress(false).protocol("6")
                    .ruleAction(RuleAction.ALLOW).cidrBlock("10.0." + number + ".0/24").portRange(p -> p.from(443).to(443)));
        }
        assertEquals(2, nacl.capacity(), "20 inbound rules at most, 18 of them not ours");
    }

    @Test
    void completesAnAddressThatHasOnlyOneDirection() {
        ec2.createNetworkAclEntry(b -> b.networkAclId(instanceAcl).ruleNumber(2).egress(false).protocol("-1")
                .ruleAction(RuleAction.DENY).cidrBlock("203.0.113.5/32"));
        NetworkAclEnforcer nacl = enforcer(new NaclSettings(1, 5));
        nacl.block(List.of(IpAddress.of("203.0.113.5")));
        List<NetworkAclEntry> ours = reservedEntries(1, 5);
        assertEquals(2, ours.size());
        assertTrue(ours.stream().allMatch(e -> e.ruleNumber() == 2));
    }

    private NetworkAclEnforcer enforcer(NaclSettings settings) {
        return new NetworkAclEnforcer(ec2, new EnforcementPoint(Backend.NACL, instanceAcl), instanceAcl, settings);
    }

    private List<NetworkAclEntry> reservedEntries(int first, int last) {
        return ec2.describeNetworkAcls(b -> b.networkAclIds(instanceAcl)).networkAcls().get(0).entries().stream()
                .filter(e -> e.ruleNumber() >= first && e.ruleNumber() <= last).toList();
    }

    private String aclOfSubnet(String subnetId) {
        return ec2.describeNetworkAcls(b -> b.filters(Filter.builder().name("association.subnet-id").values(subnetId).build()))
                .networkAcls().get(0).networkAclId();
    }

    private static BlockIp block(Backend backend, String instanceId, List<String> subnets) {
        return new BlockIp(IpAddress.of("198.51.100.7"), backend, Instant.parse("2026-12-01T00:00:00Z"), "f-1",
                "Recon:EC2/PortProbeUnprotectedPort", 5.0, instanceId, subnets);
    }
}
