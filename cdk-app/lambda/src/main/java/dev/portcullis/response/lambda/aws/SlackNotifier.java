package dev.portcullis.response.lambda.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.plan.PlannedAction.Notify;
import dev.portcullis.response.port.Notifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Posts notifications to a Slack incoming webhook. The webhook URL is a credential, so it lives in Secrets Manager
 * and is read at first use (then kept for the life of the function), never in the template or the environment.
 * Only https URLs are accepted, except plain http to a loopback address, which is what tests listen on.
 */
public final class SlackNotifier implements Notifier {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SecretsManagerClient secrets;
    private final String secretId;
    private final HttpClient http;
    private volatile URI webhook;

    public SlackNotifier(SecretsManagerClient secrets, String secretId, HttpClient http) {
        this.secrets = secrets;
        this.secretId = secretId;
        this.http = http;
    }

    @Override
    public void send(Notify notice) {
        String body;
        try {
            body = ResponseJson.mapper().writeValueAsString(Map.of("text", "*" + notice.subject() + "*\n" + notice.message()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(webhook())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("Slack answered " + response.statusCode() + ": " + abbreviate(response.body()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Slack webhook unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while posting to Slack", e);
        }
    }

    private URI webhook() {
        URI known = webhook;
        if (known == null) {
            known = parse(secrets.getSecretValue(b -> b.secretId(secretId)).secretString());
            webhook = known;
        }
        return known;
    }

    /** The secret's value as a webhook URL; the message never repeats the value, since it is a credential. */
    static URI parse(String secret) {
        URI uri;
        try {
            uri = URI.create(secret == null ? "" : secret.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the Slack webhook secret does not hold a URL");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        boolean loopback = "http".equalsIgnoreCase(uri.getScheme())
                && ("127.0.0.1".equals(uri.getHost()) || "localhost".equalsIgnoreCase(uri.getHost()));
        if (!https && !loopback) {
            throw new IllegalStateException("the Slack webhook secret must hold an https URL");
        }
        return uri;
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
