package dev.portcullis.response.lambda;

import dev.portcullis.audit.ResourceReader;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.lambda.aws.AwsChangeReverts;
import dev.portcullis.response.lambda.aws.CloudControlResources;
import dev.portcullis.response.lambda.aws.NotificationTargets;
import dev.portcullis.response.lambda.aws.SlackNotifier;
import dev.portcullis.response.lambda.aws.SnsNotifier;
import dev.portcullis.response.port.ChangeReverts;
import dev.portcullis.response.port.Notifier;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.cloudcontrol.CloudControlClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** The audit function's ports bound to AWS: reads through Cloud Control, reverts, notifications. */
public record AuditAdapters(ResponseConfig config, List<String> ownRoles, ResourceReader resources,
                            ChangeReverts reverts, Notifier notifier) {

    public AuditAdapters {
        ownRoles = List.copyOf(ownRoles);
    }

    /** The SDK clients of the audit function, on one Apache HTTP client. */
    public record Clients(CloudControlClient cloudControl, Ec2Client ec2, S3Client s3, LambdaClient lambda,
                          SnsClient sns, SecretsManagerClient secrets) {

        static Clients fromEnvironment() {
            SdkHttpClient http = ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(30)).build();
            return new Clients(CloudControlClient.builder().httpClient(http).build(),
                    Ec2Client.builder().httpClient(http).build(), S3Client.builder().httpClient(http).build(),
                    LambdaClient.builder().httpClient(http).build(), SnsClient.builder().httpClient(http).build(),
                    SecretsManagerClient.builder().httpClient(http).build());
        }
    }

    public static AuditAdapters from(AuditEnvironment env, Clients clients, HttpClient webhookHttp) {
        List<NotificationTargets.Named> targets = new ArrayList<>();
        env.topicArn().ifPresent(arn -> targets.add(new NotificationTargets.Named("sns", new SnsNotifier(clients.sns(), arn))));
        env.slackWebhookSecret().ifPresent(secret -> targets.add(new NotificationTargets.Named("slack",
                new SlackNotifier(clients.secrets(), secret, webhookHttp))));
        return new AuditAdapters(env.config(), env.ownRoleArns(),
                new CloudControlResources(clients.cloudControl()),
                new AwsChangeReverts(clients.ec2(), clients.s3(), clients.lambda()), new NotificationTargets(targets));
    }

    static AuditAdapters fromSystem() {
        return from(AuditEnvironment.from(System.getenv()), Clients.fromEnvironment(),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }
}
