package dev.portcullis.response.lambda;

import java.util.function.Supplier;

/**
 * The playbook adapters of this function instance, built once (before a SnapStart snapshot) and kept; a broken
 * environment is remembered and reported on every call, as {@link SystemAdapters} does for the workflow steps.
 */
final class PlaybookSystemAdapters implements Supplier<PlaybookAdapters> {
    static final PlaybookSystemAdapters INSTANCE = new PlaybookSystemAdapters();

    private PlaybookAdapters adapters;
    private RuntimeException broken;

    private PlaybookSystemAdapters() {
    }

    @Override
    public synchronized PlaybookAdapters get() {
        if (adapters == null && broken == null) {
            try {
                adapters = PlaybookAdapters.fromSystem();
            } catch (RuntimeException e) {
                broken = e;
            }
        }
        if (broken != null) {
            throw broken;
        }
        return adapters;
    }
}
