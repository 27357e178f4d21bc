package dev.portcullis.response.service;

import dev.portcullis.response.plan.PlannedAction;
import dev.portcullis.response.plan.PlannedAction.Notify;
import dev.portcullis.response.port.FindingStatus;
import dev.portcullis.response.port.Notifier;

import java.util.ArrayList;
import java.util.List;

/** Test double: records notifications and Security Hub updates instead of sending them. */
final class RecordingNotifier implements Notifier, FindingStatus {

    final List<Notify> sent = new ArrayList<>();
    final List<PlannedAction.UpdateFinding> marked = new ArrayList<>();

    @Override
    public synchronized void send(Notify notice) {
        sent.add(notice);
    }

    @Override
    public synchronized void markNotified(PlannedAction.UpdateFinding update) {
        marked.add(update);
    }
}
