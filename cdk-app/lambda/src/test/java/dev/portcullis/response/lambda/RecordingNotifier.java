package dev.portcullis.response.lambda;

import dev.portcullis.response.plan.PlannedAction.Notify;
import dev.portcullis.response.port.Notifier;
import java.util.ArrayList;
import java.util.List;

/** Keeps what it was asked to send, for tests whose subject is not the notification channel itself. */
final class RecordingNotifier implements Notifier {
    private final List<Notify> sent = new ArrayList<>();

    @Override
    public synchronized void send(Notify notice) {
        sent.add(notice);
    }

    synchronized List<Notify> sent() {
        return List.copyOf(sent);
    }
}
