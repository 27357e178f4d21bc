package dev.portcullis.response.lambda;

import com.fasterxml.jackson.annotation.JsonInclude;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * How a step ended, carried in every handler's output: {@code ok}, or {@code failed} with the reason and whether
 * running the step again can help ({@code retryable}: an AWS call failed or a writer raced us) or cannot (the input
 * or the function's environment is wrong). Handlers return this instead of throwing, so a workflow always gets a
 * reasoned answer it can route on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepStatus(String status, boolean retryable, String reason) {
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    public static StepStatus ok() {
        return new StepStatus(OK, false, null);
    }

    public static StepStatus failed(String reason, boolean retryable) {
        return new StepStatus(FAILED, retryable, reason);
    }

    /** A failure from an exception: AWS and I/O trouble is worth retrying; a bug or bad wiring is not. */
    public static StepStatus of(Throwable e) {
        boolean retryable = e instanceof SdkException || e instanceof java.io.UncheckedIOException
                || e instanceof dev.portcullis.response.lambda.aws.CapacityExceededException
                || e instanceof dev.portcullis.response.lambda.aws.NotificationTargets.NotificationFailedException;
        return failed(e.getClass().getSimpleName() + ": " + e.getMessage(), retryable);
    }

    public boolean isOk() {
        return OK.equals(status);
    }
}
