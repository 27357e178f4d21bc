package dev.portcullis.response.lambda.aws;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Read-modify-write against a resource guarded by a version token (Network Firewall UpdateToken, WAF LockToken):
 * when another writer got in between, read again and recompute, a bounded number of times, with jittered backoff so
 * colliding writers spread out. The single-writer design makes collisions rare; this makes them harmless.
 */
final class OptimisticWrite {
    static final int DEFAULT_ATTEMPTS = 8;
    private static final long BASE_DELAY_MILLIS = 25;
    private static final long MAX_DELAY_MILLIS = 2_000;

    private OptimisticWrite() {
    }

    /**
     * Runs {@code attempt} until it succeeds; {@code stale} recognises the exception of a lost race. Any other
     * exception, or a lost race on the last attempt, propagates.
     */
    static <T> T run(int attempts, Predicate<RuntimeException> stale, Supplier<T> attempt) {
        for (int i = 1; ; i++) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                if (!stale.test(e) || i >= attempts) {
                    throw e;
                }
                pause(i);
            }
        }
    }

    private static void pause(int attempt) {
        long ceiling = Math.min(MAX_DELAY_MILLIS, BASE_DELAY_MILLIS << Math.min(attempt, 10));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a conditional write", e);
        }
    }
}
