package dev.portcullis.response.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.constructs.Construct;

/**
 * The record-ip workflow, started by the finding rules with the EventBridge event as input:
 *
 * <pre>
 * Decide ─ok─► any action? ─no─► NothingToBlock
 *                 │yes
 *               Store ─ok─► dry run? ─yes────────────┐
 *                              │no                   ▼
 *                           Enforce ─ok─────────► Notify ─ok─► Done
 * a step that reports a retryable failure runs again (up to 3 runs, 20 s apart);
 * any other failure, or an invocation error after retries ─► NotifyFailure ─► Failed
 * </pre>
 *
 * State: the event at the top level, run counters at {@code $.attempts}, the decision at {@code $.plan}, the store
 * outcome at {@code $.stored}, the enforcement outcome at {@code $.enforced}, a caught error at {@code $.error}.
 * Notify and NotifyFailure receive the whole state. Enforce runs for duplicates too (re-adding what is enforced is a
 * no-op), so an execution that died between Store and Enforce is repaired by the next finding for the same IP;
 * Notify says only what is new. In dry-run the workflow never reaches Enforce.
 */
public final class RecordIpWorkflow extends Construct {

    private final StateMachine stateMachine;

    public RecordIpWorkflow(Construct scope, String id, ResponseFunctions functions) {
        super(scope, id);
        LambdaInvoke decide = WorkflowSteps.invoke(this, "Decide", functions, ResponseFunction.DECIDE, "$", "$.plan");
        LambdaInvoke store = WorkflowSteps.invoke(this, "Store", functions, ResponseFunction.STORE, "$.plan",
                "$.stored");
        LambdaInvoke enforce = WorkflowSteps.invoke(this, "Enforce", functions, ResponseFunction.ENFORCE,
                "$.stored", "$.enforced");
        LambdaInvoke notify = WorkflowSteps.invoke(this, "Notify", functions, ResponseFunction.NOTIFY, "$",
                "$.notified");
        LambdaInvoke notifyFailure = WorkflowSteps.invoke(this, "NotifyFailure", functions,
                ResponseFunction.NOTIFY, "$", JsonPath.DISCARD);
        IChainable failed = notifyFailure.next(Fail.Builder.create(this, "Failed")
                .error("RecordIpFailed")
                .cause("A step failed after its retries; the failure was notified")
                .build());
        Fail notifyFailed = Fail.Builder.create(this, "NotifyFailed")
                .error("NotifyFailed")
                .cause("The blocks were handled but the notification could not be delivered")
                .build();
        for (LambdaInvoke step : List.of(decide, store, enforce)) {
            WorkflowSteps.onError(step, failed);
        }
        WorkflowSteps.onError(notify, notifyFailed);

        IChainable notifyThenDone = notify.next(WorkflowSteps.routeOnStatus(this, "Notify", notify, "$.notified",
                Succeed.Builder.create(this, "Done").build(), notifyFailed));
        IChainable afterEnforce = WorkflowSteps.routeOnStatus(this, "Enforce", enforce, "$.enforced",
                notifyThenDone, failed);
        IChainable afterStore = WorkflowSteps.routeOnStatus(this, "Store", store, "$.stored",
                Choice.Builder.create(this, "DryRun").build()
                        .when(Condition.booleanEquals("$.plan.dryRun", true), notifyThenDone)
                        .otherwise(enforce.next(afterEnforce)), failed);
        IChainable afterDecide = WorkflowSteps.routeOnStatus(this, "Decide", decide, "$.plan",
                Choice.Builder.create(this, "AnyAction").build()
                        .when(Condition.isPresent("$.plan.actions[0]"), store.next(afterStore))
                        .otherwise(Succeed.Builder.create(this, "NothingToBlock").build()), failed);

        IChainable definition = WorkflowSteps.initAttempts(this, "CountRuns",
                        List.of("Decide", "Store", "Enforce", "Notify"))
                .next(decide).next(afterDecide);
        this.stateMachine = WorkflowSteps.stateMachine(this, "StateMachine",
                "record-ip: store, enforce and notify the blocks a finding calls for", definition,
                Duration.minutes(30));
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }
}
