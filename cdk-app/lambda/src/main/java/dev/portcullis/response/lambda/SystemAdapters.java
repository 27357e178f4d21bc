package dev.portcullis.response.lambda;

import java.util.function.Supplier;

/**
 * The adapters of this function instance, built on first use and kept: with SnapStart the clients are created before
 * the snapshot and reused by every invocation. A broken environment is remembered and reported on every call
 * (each handler turns it into a failed output) rather than crashing the runtime at init.
 */
final class SystemAdapters implements Supplier<ResponseAdapters> {
    static final SystemAdapters INSTANCE = new SystemAdapters();

    private ResponseAdapters adapters;
    private RuntimeException broken;

    private SystemAdapters() {
    }

    @Override
    public synchronized ResponseAdapters get() {
        if (adapters == null && broken == null) {
            try {
                adapters = ResponseAdapters.fromSystem();
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
