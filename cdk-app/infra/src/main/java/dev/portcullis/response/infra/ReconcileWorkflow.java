package dev.portcullis.response.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.constructs.Construct;

/**
 * The reconcile workflow, started on a schedule: compares the blocklist with each enforcement point, repairs the
 * drift and reports it (the Reconcile function notifies when it found any). It runs as a workflow rather than a bare
 * scheduled function so that it gets the same retries, failure notification and failure alarm as the others.
 *
 * The input is passed to the function: the schedule's event repairs; an execution started by hand with
 * {@code {"repair": false}} only compares and reports.
 *
 * <pre>
 * Reconcile ─ok─► Done
 *   └ retryable failure: up to 3 runs, 20 s apart; otherwise ─► NotifyFailure ─► Failed
 * </pre>
 */
public final class ReconcileWorkflow extends Construct {

    private final StateMachine stateMachine;

    public ReconcileWorkflow(Construct scope, String id, ResponseFunctions functions) {
        super(scope, id);
        LambdaInvoke reconcile = WorkflowSteps.invoke(this, "Reconcile", functions, ResponseFunction.RECONCILE,
                "$", "$.report");
        LambdaInvoke notifyFailure = WorkflowSteps.invoke(this, "NotifyFailure", functions,
                ResponseFunction.NOTIFY, "$", JsonPath.DISCARD);
        IChainable failed = notifyFailure.next(Fail.Builder.create(this, "Failed")
                .error("ReconcileFailed")
                .cause("Reconciliation failed after its retries; the failure was notified")
                .build());
        WorkflowSteps.onError(reconcile, failed);
        IChainable definition = WorkflowSteps.initAttempts(this, "CountRuns", List.of("Reconcile"))
                .next(reconcile)
                .next(WorkflowSteps.routeOnStatus(this, "Reconcile", reconcile, "$.report",
                        Succeed.Builder.create(this, "Done").build(), failed));
        this.stateMachine = WorkflowSteps.stateMachine(this, "StateMachine",
                "reconcile: repair and report drift between the blocklist and the enforcement points", definition,
                Duration.hours(1));
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }
}
