package dev.portcullis.response.lambda.aws;

import dev.portcullis.response.plan.PlannedAction.Notify;
import dev.portcullis.response.port.Notifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Every configured notifier (SNS, Slack). Each target is tried even when another fails, so a broken webhook does not
 * silence the topic; then, if any failed, the failures are reported together.
 */
public final class NotificationTargets implements Notifier {
    private final List<Named> targets;

    /** A notifier and the name it is reported under. */
    public record Named(String name, Notifier notifier) {
    }

    public NotificationTargets(List<Named> targets) {
        this.targets = List.copyOf(targets);
    }

    public boolean isEmpty() {
        return targets.isEmpty();
    }

    @Override
    public void send(Notify notice) {
        List<String> failures = new ArrayList<>();
        for (Named target : targets) {
            try {
                target.notifier().send(notice);
            } catch (RuntimeException e) {
                failures.add(target.name() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new NotificationFailedException(failures);
        }
    }

    /** Some targets did not receive a notification. */
    public static final class NotificationFailedException extends RuntimeException {
        private final List<String> failures;

        NotificationFailedException(List<String> failures) {
            super("notification not delivered to " + String.join("; ", failures));
            this.failures = List.copyOf(failures);
        }

        public List<String> failures() {
            return failures;
        }
    }
}
