package dev.portcullis.response.lambda;

import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.lambda.aws.AwsEnforcers;
import dev.portcullis.response.lambda.aws.DynamoDbBlocklist;
import dev.portcullis.response.lambda.aws.InstanceNetworkAcls;
import dev.portcullis.response.lambda.aws.NotificationTargets;
import dev.portcullis.response.lambda.aws.SecurityHubFindingStatus;
import dev.portcullis.response.lambda.aws.SlackNotifier;
import dev.portcullis.response.lambda.aws.SnsNotifier;
import dev.portcullis.response.lambda.aws.WafIpSetEnforcer;
import dev.portcullis.response.port.EnforcementPoints;
import dev.portcullis.response.port.Enforcers;
import dev.portcullis.response.port.FindingStatus;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.networkfirewall.NetworkFirewallClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

/**
 * The ports of the response stack bound to AWS: what a handler works with. Built once per function instance (at
 * cold start, before a SnapStart snapshot), from the environment the stack wrote, or by tests from their own clients.
 */
public record ResponseAdapters(
        ResponseConfig config,
        DynamoDbBlocklist blocklist,
        EnforcementPoints points,
        Enforcers enforcers,
        NotificationTargets notifier,
        FindingStatus findingStatus,
        Clock clock) {

    /** The SDK clients one function instance uses, all on one Apache HTTP client (it can PATCH; Security Hub needs it). */
    public record Clients(DynamoDbClient dynamo, NetworkFirewallClient networkFirewall, Wafv2Client waf, Ec2Client ec2,
                          SnsClient sns, SecurityHubClient securityHub, SecretsManagerClient secrets) {

        /** Clients for the region and credentials of the Lambda environment (the SDK's default chains). */
        public static Clients fromEnvironment() {
            SdkHttpClient http = ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(30)).build();
            return new Clients(
                    DynamoDbClient.builder().httpClient(http).build(),
                    NetworkFirewallClient.builder().httpClient(http).build(),
                    Wafv2Client.builder().httpClient(http).build(),
                    Ec2Client.builder().httpClient(http).build(),
                    SnsClient.builder().httpClient(http).build(),
                    SecurityHubClient.builder().httpClient(http).build(),
                    SecretsManagerClient.builder().httpClient(http).build());
        }
    }

    public static ResponseAdapters from(LambdaEnvironment env, Clients clients, HttpClient webhookHttp, Clock clock) {
        List<NotificationTargets.Named> targets = new ArrayList<>();
        env.topicArn().ifPresent(arn -> targets.add(new NotificationTargets.Named("sns", new SnsNotifier(clients.sns(), arn))));
        env.slackWebhookSecret().ifPresent(secret -> targets.add(new NotificationTargets.Named("slack",
                new SlackNotifier(clients.secrets(), secret, webhookHttp))));
        return new ResponseAdapters(
                env.config(),
                new DynamoDbBlocklist(clients.dynamo(), env.blocklistTable()),
                new InstanceNetworkAcls(clients.ec2()),
                new AwsEnforcers(env.config(), clients.networkFirewall(), clients.waf(), clients.ec2(),
                        env.ruleGroupArn(),
                        env.wafIpv4Set().map(s -> new WafIpSetEnforcer.IpSet(s.name(), s.id())),
                        env.wafIpv6Set().map(s -> new WafIpSetEnforcer.IpSet(s.name(), s.id()))),
                new NotificationTargets(targets),
                new SecurityHubFindingStatus(clients.securityHub()),
                clock);
    }

    /** For the function's own environment; throws IllegalStateException naming what is missing. */
    public static ResponseAdapters fromSystem() {
        return from(LambdaEnvironment.fromSystem(), Clients.fromEnvironment(),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Clock.systemUTC());
    }
}
