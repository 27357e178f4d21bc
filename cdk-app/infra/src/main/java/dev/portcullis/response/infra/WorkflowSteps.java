package dev.portcullis.response.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.Errors;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.JitterType;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.Result;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.Timeout;
import software.amazon.awscdk.services.stepfunctions.Wait;
import software.amazon.awscdk.services.stepfunctions.WaitTime;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.constructs.Construct;

/**
 * The building blocks the three workflows share. Handlers never throw: each returns its result with
 * {@code status} ({@code ok} or {@code failed}), {@code retryable} and {@code reason}, so a workflow routes on that
 * output; errors of the invocation itself (Lambda service errors, throttling, timeouts) are retried by the task and
 * then caught. Either way a step that cannot succeed ends on the failure path, which notifies and then fails the
 * execution so the failure alarm sees it.
 */
final class WorkflowSteps {

    /** Where a caught error is put in the state, for the failure notification. */
    static final String ERROR_PATH = "$.error";
    /** Error name Step Functions gives a Lambda invocation that was throttled (the single writer is busy). */
    static final String THROTTLED = "Lambda.TooManyRequestsException";
    /** Runs of a step that reported a retryable failure, the first included. */
    static final int MAX_RUNS = 3;
    /** Pause before running a step again after a retryable failure. */
    static final Duration BACKOFF = Duration.seconds(20);
    /** Where the workflow counts the runs of each step: {@code $.attempts.<step>.count}. */
    static final String ATTEMPTS_PATH = "$.attempts";

    private WorkflowSteps() {
    }

    /**
     * Invokes {@code function} with the state at {@code inputPath}, putting its output at {@code resultPath}.
     * Invocation errors are retried, in order: a throttled invocation (the single writer is busy: many quick tries
     * with jitter; it must come first, since States.TaskFailed also matches it), then a failed or timed-out
     * invocation (a few spaced tries). Lambda service errors are retried by the task's built-in retrier.
     */
    static LambdaInvoke invoke(Construct scope, String id, ResponseFunctions functions, ResponseFunction function,
                               String inputPath, String resultPath) {
        LambdaInvoke step = LambdaInvoke.Builder.create(scope, id)
                .lambdaFunction(functions.live(function))
                // The handler gets the state at inputPath as its event and its output is taken as is.
                .inputPath(inputPath)
                .payloadResponseOnly(true)
                .resultPath(resultPath)
                .taskTimeout(Timeout.duration(Duration.seconds(function.timeoutSeconds() + 30L)))
                .build();
        step.addRetry(RetryProps.builder()
                .errors(List.of(THROTTLED))
                .interval(Duration.seconds(1))
                .backoffRate(2)
                .maxDelay(Duration.seconds(30))
                .jitterStrategy(JitterType.FULL)
                .maxAttempts(12)
                .build());
        step.addRetry(RetryProps.builder()
                .errors(List.of(Errors.TASKS_FAILED, Errors.TIMEOUT))
                .interval(Duration.seconds(5))
                .backoffRate(2)
                .maxAttempts(3)
                .build());
        return step;
    }

    /** Catches every error of {@code step} into {@value #ERROR_PATH} and continues at {@code handler}. */
    static void onError(LambdaInvoke step, IChainable handler) {
        step.addCatch(handler, CatchProps.builder().errors(List.of(Errors.ALL)).resultPath(ERROR_PATH).build());
    }

    /** Sets every step's run counter to zero, at {@value #ATTEMPTS_PATH}; put before the first counted step. */
    static Pass initAttempts(Construct scope, String id, List<String> steps) {
        Map<String, Object> counters = new LinkedHashMap<>();
        steps.forEach(step -> counters.put(step, Map.of("count", 1)));
        return Pass.Builder.create(scope, id)
                .result(Result.fromObject(counters))
                .resultPath(ATTEMPTS_PATH)
                .build();
    }

    /**
     * Routes on the output of {@code step} at {@code resultPath}: {@code ok} → {@code next}; failed but retryable,
     * with runs left → count, wait {@link #BACKOFF}, run the step again; anything else (not retryable, runs used up,
     * or no status at all) → {@code failure}.
     */
    static Choice routeOnStatus(Construct scope, String name, LambdaInvoke step, String resultPath, IChainable next,
                                IChainable failure) {
        String counter = ATTEMPTS_PATH + "." + name + ".count";
        Pass count = Pass.Builder.create(scope, name + "CountRun")
                .parameters(Map.of("count.$", "States.MathAdd(" + counter + ", 1)"))
                .resultPath(ATTEMPTS_PATH + "." + name)
                .build();
        Wait backoff = Wait.Builder.create(scope, name + "Backoff").time(WaitTime.duration(BACKOFF)).build();
        return Choice.Builder.create(scope, name + "Succeeded").build()
                .when(Condition.stringEquals(resultPath + ".status", "ok"), next)
                .when(Condition.and(Condition.booleanEquals(resultPath + ".retryable", true),
                        Condition.numberLessThan(counter, MAX_RUNS)), count.next(backoff).next(step))
                .otherwise(failure);
    }

    /** A standard state machine with every execution logged (ALL, with data) and traced. */
    static StateMachine stateMachine(Construct scope, String id, String comment, IChainable definition,
                                     Duration timeout) {
        LogGroup logs = LogGroup.Builder.create(scope, id + "Logs")
                .retention(RetentionDays.THREE_MONTHS)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        return StateMachine.Builder.create(scope, id)
                .comment(comment)
                .definitionBody(DefinitionBody.fromChainable(definition))
                .timeout(timeout)
                .tracingEnabled(true)
                .logs(LogOptions.builder().destination(logs).level(LogLevel.ALL).includeExecutionData(true).build())
                .build();
    }
}
