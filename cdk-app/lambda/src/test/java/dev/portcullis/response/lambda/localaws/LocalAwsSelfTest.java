package dev.portcullis.response.lambda.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.networkfirewall.NetworkFirewallClient;
import software.amazon.awssdk.services.networkfirewall.model.Address;
import software.amazon.awssdk.services.networkfirewall.model.DescribeRuleGroupResponse;
import software.amazon.awssdk.services.networkfirewall.model.InvalidRequestException;
import software.amazon.awssdk.services.networkfirewall.model.InvalidTokenException;
import software.amazon.awssdk.services.networkfirewall.model.RuleGroup;
import software.amazon.awssdk.services.networkfirewall.model.RuleGroupType;
import software.amazon.awssdk.services.networkfirewall.model.StatelessRule;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.BatchUpdateFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.WorkflowStatus;

/** The test doubles behave as the adapters' tests assume; if these fail, the other integration tests mean nothing. */
class LocalAwsSelfTest {

    @Nested
    @ExtendWith(DynamoDbLocalExtension.class)
    class DynamoDbLocalServer {
        @Test
        void servesTablesOverHttp(DynamoDbLocal local) {
            try (DynamoDbClient client = local.client()) {
                client.createTable(b -> b.tableName("self-test")
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST));
                assertTrue(client.listTables().tableNames().contains("self-test"));
            }
        }
    }

    @Nested
    @ExtendWith(MotoServerExtension.class)
    class Moto {
        @Test
        void resetForgetsResources(MotoServer moto) {
            try (Ec2Client ec2 = moto.configure(Ec2Client.builder()).build()) {
                String vpc = ec2.createVpc(b -> b.cidrBlock("10.9.0.0/16")).vpc().vpcId();
                assertTrue(ec2.describeVpcs().vpcs().stream().anyMatch(v -> v.vpcId().equals(vpc)));
                moto.reset();
                assertTrue(ec2.describeVpcs().vpcs().stream().noneMatch(v -> v.vpcId().equals(vpc)));
            }
        }
    }

    @Nested
    class NetworkFirewallFake {
        @Test
        void tokenChangesOnEveryUpdateAndStaleTokensAreRejected() {
            try (FakeNetworkFirewall fake = FakeNetworkFirewall.start("blocklist", 10); NetworkFirewallClient nfw = fake.client()) {
                DescribeRuleGroupResponse first = describe(nfw, fake);
                String next = nfw.updateRuleGroup(b -> b.ruleGroupArn(fake.ruleGroupArn()).type(RuleGroupType.STATELESS)
                        .updateToken(first.updateToken()).ruleGroup(group(drop(1, "192.0.2.1/32")))).updateToken();
                assertNotEquals(first.updateToken(), next);
                assertThrows(InvalidTokenException.class, () -> nfw.updateRuleGroup(b -> b.ruleGroupArn(fake.ruleGroupArn())
                        .type(RuleGroupType.STATELESS).updateToken(first.updateToken()).ruleGroup(group())));
                fake.simulateForeignUpdate();
                assertThrows(InvalidTokenException.class, () -> nfw.updateRuleGroup(b -> b.ruleGroupArn(fake.ruleGroupArn())
                        .type(RuleGroupType.STATELESS).updateToken(next).ruleGroup(group())));
                assertEquals(java.util.Set.of("192.0.2.1/32"), fake.droppedAddresses());
                assertEquals(2, fake.staleTokenRejections());
            }
        }

        @Test
        void rejectsUpdatesBeyondCapacity() {
            try (FakeNetworkFirewall fake = FakeNetworkFirewall.start("small", 2); NetworkFirewallClient nfw = fake.client()) {
                String token = describe(nfw, fake).updateToken();
                assertThrows(InvalidRequestException.class, () -> nfw.updateRuleGroup(b -> b.ruleGroupArn(fake.ruleGroupArn())
                        .type(RuleGroupType.STATELESS).updateToken(token)
                        .ruleGroup(group(drop(1, "192.0.2.1/32"), drop(2, "192.0.2.2/32"), drop(3, "192.0.2.3/32")))));
                assertEquals(1, fake.capacityRejections());
                assertEquals(0, describe(nfw, fake).ruleGroupResponse().consumedCapacity());
            }
        }

        private static DescribeRuleGroupResponse describe(NetworkFirewallClient nfw, FakeNetworkFirewall fake) {
            return nfw.describeRuleGroup(b -> b.ruleGroupArn(fake.ruleGroupArn()).type(RuleGroupType.STATELESS));
        }

        private static StatelessRule drop(int priority, String source) {
            return StatelessRule.builder().priority(priority).ruleDefinition(d -> d.actions("aws:drop")
                    .matchAttributes(m -> m.sources(Address.builder().addressDefinition(source).build())
                            .destinations(Address.builder().addressDefinition("0.0.0.0/0").build()))).build();
        }

        private static RuleGroup group(StatelessRule... rules) {
            return RuleGroup.builder().rulesSource(s -> s.statelessRulesAndCustomActions(r -> r.statelessRules(List.of(rules)))).build();
        }
    }

    @Nested
    class SecurityHubFake {
        @Test
        void acceptsKnownFindingsAndReportsUnknownOnes() {
            try (FakeSecurityHubFindings fake = FakeSecurityHubFindings.start(); SecurityHubClient hub = fake.client()) {
                fake.knownFinding("f-1", "arn:aws:securityhub:us-east-1::product/aws/guardduty");
                BatchUpdateFindingsResponse response = hub.batchUpdateFindings(b -> b
                        .findingIdentifiers(i -> i.id("f-1").productArn("arn:aws:securityhub:us-east-1::product/aws/guardduty"),
                                i -> i.id("f-2").productArn("arn:aws:securityhub:us-east-1::product/aws/guardduty"))
                        .note(n -> n.text("blocked").updatedBy("portcullis"))
                        .workflow(w -> w.status(WorkflowStatus.NOTIFIED)));
                assertEquals(1, response.processedFindings().size());
                assertEquals("FindingNotFound", response.unprocessedFindings().get(0).errorCode());
                assertEquals("NOTIFIED", fake.updates().get(0).workflowStatus());
            }
        }
    }
}
