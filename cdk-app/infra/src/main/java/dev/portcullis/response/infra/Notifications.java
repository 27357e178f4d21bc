package dev.portcullis.response.infra;

import dev.portcullis.response.config.NotificationTargets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * Where people hear about blocks, failures and drift: an SNS topic (the configured one, or one this stack creates,
 * encrypted with its own key), an optional Slack webhook whose URL stays in Secrets Manager (the template holds only
 * the secret's name), and Security Hub, where findings are marked NOTIFIED.
 */
public final class Notifications extends Construct {

    /** A complete secret ARN ends in the six random characters Secrets Manager appends to the name. */
    private static final Pattern COMPLETE_SECRET_ARN = Pattern.compile("arn:.*:secret:.*-[A-Za-z0-9]{6}");

    private final ITopic topic;
    private final Optional<ISecret> slackWebhook;
    private final Optional<String> slackWebhookReference;

    public Notifications(Construct scope, String id, NotificationTargets targets) {
        super(scope, id);
        this.topic = targets.snsTopicArn()
                .map(arn -> Topic.fromTopicArn(this, "Topic", arn))
                .orElseGet(this::createTopic);
        this.slackWebhookReference = targets.slackWebhookSecret();
        this.slackWebhook = slackWebhookReference.map(this::secret);
    }

    private ITopic createTopic() {
        Key key = Key.Builder.create(this, "TopicKey")
                .description("Encrypts the Portcullis response notifications topic")
                .enableKeyRotation(true)
                .build();
        // CloudWatch alarms publish to this topic, and an encrypted topic is only usable by whoever may use its key.
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .build());
        return Topic.Builder.create(this, "Topic")
                .displayName("Portcullis response")
                .masterKey(key)
                .enforceSsl(true)
                .build();
    }

    private ISecret secret(String reference) {
        if (!reference.startsWith("arn:")) {
            return Secret.fromSecretNameV2(this, "SlackWebhook", reference);
        }
        return COMPLETE_SECRET_ARN.matcher(reference).matches()
                ? Secret.fromSecretCompleteArn(this, "SlackWebhook", reference)
                : Secret.fromSecretPartialArn(this, "SlackWebhook", reference);
    }

    public ITopic topic() {
        return topic;
    }

    public Optional<ISecret> slackWebhook() {
        return slackWebhook;
    }

    /** Publish to the topic (and read the Slack webhook secret when there is one). */
    public void grantNotify(IGrantable grantee) {
        topic.grantPublish(grantee);
        slackWebhook.ifPresent(secret -> secret.grantRead(grantee));
    }

    /** Mark findings NOTIFIED with a note; BatchUpdateFindings is authorised on the account's hub. */
    public void grantUpdateFindings(IGrantable grantee) {
        String hub = Stack.of(this).formatArn(ArnComponents.builder()
                .service("securityhub").resource("hub").resourceName("default").build());
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(List.of("securityhub:BatchUpdateFindings"))
                .resourceArns(List.of(hub))
                .build());
    }

    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(FunctionEnvironment.TOPIC_ARN, topic.getTopicArn());
        // As configured (name or ARN): GetSecretValue takes either, and a name-derived ARN lacks its suffix.
        slackWebhookReference.ifPresent(ref -> env.put(FunctionEnvironment.SLACK_WEBHOOK_SECRET, ref));
        return env;
    }
}
