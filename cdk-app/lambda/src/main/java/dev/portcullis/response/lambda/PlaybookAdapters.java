package dev.portcullis.response.lambda;

import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.lambda.aws.DynamoDbBlocklist;
import dev.portcullis.response.lambda.aws.DynamoDbResponseLedger;
import dev.portcullis.response.lambda.aws.Ec2InstanceInventory;
import dev.portcullis.response.lambda.aws.Ec2InstanceIsolation;
import dev.portcullis.response.lambda.aws.NotificationTargets;
import dev.portcullis.response.lambda.aws.SecurityHubFindingStatus;
import dev.portcullis.response.lambda.aws.SlackNotifier;
import dev.portcullis.response.lambda.aws.SnsNotifier;
import dev.portcullis.response.port.Blocklist;
import dev.portcullis.response.port.FindingStatus;
import dev.portcullis.response.port.InstanceInventory;
import dev.portcullis.response.port.InstanceIsolation;
import dev.portcullis.response.port.Notifier;
import dev.portcullis.response.port.ResponseLedger;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The ports of the instance playbooks (quarantine, release, flow-log kill switch) bound to AWS. The ledger is present
 * only where the stack gives its table ({@value #LEDGER_TABLE}: the flow-log function).
 */
public record PlaybookAdapters(
        ResponseConfig config,
        InstanceInventory inventory,
        InstanceIsolation isolation,
        Notifier notifier,
        FindingStatus findingStatus,
        Blocklist blocklist,
        Optional<ResponseLedger> ledger,
        Clock clock) {

    /** Name of the kill switch's rate-limit table; written by the stack on the flow-log function only. */
    public static final String LEDGER_TABLE = "RESPONSE_LEDGER_TABLE";

    /** The clients the playbooks use, all on one Apache HTTP client. */
    public record Clients(Ec2Client ec2, AutoScalingClient autoScaling, ElasticLoadBalancingV2Client loadBalancing,
                          DynamoDbClient dynamo, SnsClient sns, SecurityHubClient securityHub,
                          SecretsManagerClient secrets) {

        public static Clients fromEnvironment() {
            SdkHttpClient http = ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(30)).build();
            return new Clients(
                    Ec2Client.builder().httpClient(http).build(),
                    AutoScalingClient.builder().httpClient(http).build(),
                    ElasticLoadBalancingV2Client.builder().httpClient(http).build(),
                    DynamoDbClient.builder().httpClient(http).build(),
                    SnsClient.builder().httpClient(http).build(),
                    SecurityHubClient.builder().httpClient(http).build(),
                    SecretsManagerClient.builder().httpClient(http).build());
        }
    }

    public static PlaybookAdapters from(LambdaEnvironment env, Map<String, String> variables, Clients clients,
                                        HttpClient webhookHttp, Clock clock) {
        List<NotificationTargets.Named> targets = new ArrayList<>();
        env.topicArn().ifPresent(arn -> targets.add(new NotificationTargets.Named("sns",
                new SnsNotifier(clients.sns(), arn))));
        env.slackWebhookSecret().ifPresent(secret -> targets.add(new NotificationTargets.Named("slack",
                new SlackNotifier(clients.secrets(), secret, webhookHttp))));
        Optional<ResponseLedger> ledger = Optional.ofNullable(variables.get(LEDGER_TABLE)).map(String::strip)
                .filter(s -> !s.isEmpty()).map(table -> new DynamoDbResponseLedger(clients.dynamo(), table));
        return new PlaybookAdapters(env.config(),
                new Ec2InstanceInventory(clients.ec2(), clients.autoScaling(), clients.loadBalancing()),
                new Ec2InstanceIsolation(clients.ec2(), clients.autoScaling(), clients.loadBalancing(),
                        env.config().quarantine()),
                new NotificationTargets(targets),
                new SecurityHubFindingStatus(clients.securityHub()),
                new DynamoDbBlocklist(clients.dynamo(), env.blocklistTable()),
                ledger,
                clock);
    }

    public static PlaybookAdapters fromSystem() {
        return from(LambdaEnvironment.fromSystem(), System.getenv(), Clients.fromEnvironment(),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Clock.systemUTC());
    }
}
