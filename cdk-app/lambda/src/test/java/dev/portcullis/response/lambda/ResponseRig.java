package dev.portcullis.response.lambda;

import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.lambda.aws.AwsEnforcers;
import dev.portcullis.response.lambda.aws.DynamoDbBlocklist;
import dev.portcullis.response.lambda.aws.InstanceNetworkAcls;
import dev.portcullis.response.lambda.aws.NotificationTargets;
import dev.portcullis.response.lambda.aws.SecurityHubFindingStatus;
import dev.portcullis.response.lambda.localaws.BlocklistTable;
import dev.portcullis.response.lambda.localaws.DynamoDbLocal;
import dev.portcullis.response.lambda.localaws.FakeNetworkFirewall;
import dev.portcullis.response.lambda.localaws.FakeSecurityHubFindings;
import dev.portcullis.response.port.Notifier;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.networkfirewall.NetworkFirewallClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/**
 * The response stack's adapters over local parts: a fresh blocklist table in DynamoDB Local, the Network Firewall
 * and Security Hub fakes, a hand-moved clock, and the notifier the test chooses.
 */
final class ResponseRig implements AutoCloseable {
    final DynamoDbClient dynamo;
    final String table;
    final FakeNetworkFirewall firewall;
    final NetworkFirewallClient firewallClient;
    final FakeSecurityHubFindings securityHub;
    final SecurityHubClient securityHubClient;
    /**
     * Starts a day ahead of the wall clock: DynamoDB Local runs TTL deletion against the real time, so records whose
     * expiry the test reaches by moving this clock must still lie in the real future, or they vanish mid-test.
     */
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(1)));

    ResponseRig(DynamoDbLocal local, int ruleGroupCapacity) {
        dynamo = local.client();
        table = BlocklistTable.create(dynamo);
        firewall = FakeNetworkFirewall.start("portcullis-blocklist", ruleGroupCapacity);
        firewallClient = firewall.client();
        securityHub = FakeSecurityHubFindings.start();
        securityHubClient = securityHub.client();
    }

    ResponseAdapters adapters(String configYaml, Notifier notifier) {
        ResponseConfig config = ResponseConfig.parse(configYaml, "test config");
        return new ResponseAdapters(config,
                new DynamoDbBlocklist(dynamo, table),
                new InstanceNetworkAcls(null),
                new AwsEnforcers(config, firewallClient, null, null, Optional.of(firewall.ruleGroupArn()),
                        Optional.empty(), Optional.empty()),
                new NotificationTargets(List.of(new NotificationTargets.Named("recording", notifier))),
                new SecurityHubFindingStatus(securityHubClient),
                clock);
    }

    DynamoDbBlocklist blocklist() {
        return new DynamoDbBlocklist(dynamo, table);
    }

    @Override
    public void close() {
        securityHubClient.close();
        securityHub.close();
        firewallClient.close();
        firewall.close();
        dynamo.close();
    }
}
