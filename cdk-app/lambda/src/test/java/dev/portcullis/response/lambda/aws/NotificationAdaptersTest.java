package dev.portcullis.response.lambda.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.response.lambda.localaws.FakeSecurityHubFindings;
import dev.portcullis.response.lambda.localaws.MotoServer;
import dev.portcullis.response.lambda.localaws.MotoServerExtension;
import dev.portcullis.response.plan.PlannedAction.Notify;
import dev.portcullis.response.plan.PlannedAction.UpdateFinding;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@ExtendWith(MotoServerExtension.class)
class NotificationAdaptersTest {
    private static final Notify NOTICE = new Notify("Blocked 1 IP: Recon:EC2/PortProbeUnprotectedPort (MEDIUM)",
            "198.51.100.7 at network-firewall until 2026-12-20T00:00:00Z");

    @Test
    void snsDeliversToSubscribers(MotoServer moto) {
        try (SnsClient sns = moto.configure(SnsClient.builder()).build(); SqsClient sqs = moto.configure(SqsClient.builder()).build()) {
            String topic = sns.createTopic(b -> b.name("portcullis")).topicArn();
            String queueUrl = sqs.createQueue(b -> b.queueName("inbox")).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn));
            new SnsNotifier(sns, topic).send(NOTICE);
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
            assertEquals(1, messages.size());
            assertTrue(messages.get(0).body().contains("198.51.100.7 at network-firewall"));
            assertTrue(messages.get(0).body().contains(NOTICE.subject()));
        }
    }

    @Test
    void snsSubjectsAreCutToWhatSnsAccepts() {
        assertEquals(100, SnsNotifier.subject("x".repeat(300)).length());
        assertEquals("a b", SnsNotifier.subject("a\nb"));
    }

    @Test
    void slackGetsTheWebhookFromSecretsManager(MotoServer moto) throws IOException {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer slack = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slack.createContext("/services/T000/B000/XXXX", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        slack.start();
        try (SecretsManagerClient secrets = moto.configure(SecretsManagerClient.builder()).build()) {
            String url = "http://127.0.0.1:" + slack.getAddress().getPort() + "/services/T000/B000/XXXX";
            secrets.createSecret(b -> b.name("portcullis/slack").secretString(url));
            new SlackNotifier(secrets, "portcullis/slack", HttpClient.newHttpClient()).send(NOTICE);
            assertEquals(1, received.size());
            assertTrue(received.get(0).contains("\"text\""));
            assertTrue(received.get(0).contains("198.51.100.7"));

            secrets.createSecret(b -> b.name("portcullis/slack-bad").secretString("http://hooks.example.com/secret-token"));
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> new SlackNotifier(secrets, "portcullis/slack-bad", HttpClient.newHttpClient()).send(NOTICE));
            assertFalse(refused.getMessage().contains("secret-token"), "the credential is never echoed");
        } finally {
            slack.stop(0);
        }
    }

    @Test
    void oneBrokenTargetDoesNotSilenceTheOthers() {
        List<Notify> delivered = new CopyOnWriteArrayList<>();
        NotificationTargets targets = new NotificationTargets(List.of(
                new NotificationTargets.Named("slack", n -> {
                    throw new IllegalStateException("Slack answered 500");
                }),
                new NotificationTargets.Named("sns", delivered::add)));
        NotificationTargets.NotificationFailedException failure =
                assertThrows(NotificationTargets.NotificationFailedException.class, () -> targets.send(NOTICE));
        assertEquals(1, delivered.size());
        assertEquals(List.of("slack: Slack answered 500"), failure.failures());
    }

    @Test
    void securityHubUpdatesAreMadeAndUnknownFindingsReported() {
        try (FakeSecurityHubFindings fake = FakeSecurityHubFindings.start();
             software.amazon.awssdk.services.securityhub.SecurityHubClient hub = fake.client()) {
            String product = "arn:aws:securityhub:eu-west-1::product/aws/guardduty";
            fake.knownFinding("f-1", product);
            SecurityHubFindingStatus status = new SecurityHubFindingStatus(hub);
            status.markNotified(new UpdateFinding("f-1", product, "Portcullis blocked 198.51.100.7", "portcullis-response", "NOTIFIED"));
            assertEquals(new FakeSecurityHubFindings.Update(new FakeSecurityHubFindings.FindingId("f-1", product),
                    "Portcullis blocked 198.51.100.7", "portcullis-response", "NOTIFIED"), fake.updates().get(0));
            IllegalStateException unknown = assertThrows(IllegalStateException.class, () -> status.markNotified(
                    new UpdateFinding("f-404", product, "note", "portcullis-response", "NOTIFIED")));
            assertTrue(unknown.getMessage().contains("FindingNotFound"));
        }
    }
}
