package dev.portcullis.response.lambda.aws;

import dev.portcullis.response.plan.PlannedAction.Notify;
import dev.portcullis.response.port.Notifier;
import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes notifications to the stack's SNS topic (e-mail, chat bridges, tickets subscribe there). */
public final class SnsNotifier implements Notifier {
    /** SNS subjects: at most 100 printable ASCII characters, no line breaks. */
    private static final int MAX_SUBJECT = 100;

    private final SnsClient sns;
    private final String topicArn;

    public SnsNotifier(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void send(Notify notice) {
        sns.publish(b -> b.topicArn(topicArn).subject(subject(notice.subject())).message(notice.message()));
    }

    static String subject(String text) {
        String ascii = text.replaceAll("[^\\x20-\\x7E]", " ").strip();
        if (ascii.isEmpty()) {
            return "Portcullis";
        }
        return ascii.length() <= MAX_SUBJECT ? ascii : ascii.substring(0, MAX_SUBJECT - 3) + "...";
    }
}
