package dev.portcullis.response.infra;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.constructs.Construct;

/**
 * The prune-ip workflow, started on a schedule: lifts every expired block, one page per step, looping until the
 * blocklist has no further page, so a backlog is cleared in one run rather than one IP per run.
 *
 * <pre>
 * Start ─► PrunePage ─► page ok? ─yes─► another page? ─yes─► NextPage ──────────────► PrunePage
 *                          │no               │no
 *                          │              any page failed? ─no─► Done
 *                          │                 │yes
 *                          │              LastFailure ─► NotifyFailure ─► Failed
 *                          ├─ another page? ─yes─► NextPageAfterFailure ─► PrunePage
 *                          └─ no ─► NotifyFailure ─► Failed
 * </pre>
 *
 * PrunePage receives {@code {"cursor": ...}} (none on the first page) and returns the page outcome at
 * {@code $.page}, whose {@code next} is the cursor of the following page, absent on the last. A page whose
 * unblocking failed keeps its records for the next run and the loop goes on, so one broken enforcement point does
 * not stop the others' expiry; the run still ends failed (and notified) when any page failed. Only the cursor, a
 * failure count and the last failed page travel from page to page, so the state stays small however long the run.
 */
public final class PruneIpWorkflow extends Construct {

    private final StateMachine stateMachine;

    public PruneIpWorkflow(Construct scope, String id, ResponseFunctions functions) {
        super(scope, id);
        LambdaInvoke prunePage = WorkflowSteps.invoke(this, "PrunePage", functions, ResponseFunction.PRUNE, "$",
                "$.page");
        LambdaInvoke notifyFailure = WorkflowSteps.invoke(this, "NotifyFailure", functions,
                ResponseFunction.NOTIFY, "$", JsonPath.DISCARD);
        IChainable failed = notifyFailure.next(Fail.Builder.create(this, "Failed")
                .error("PruneIpFailed")
                .cause("Lifting expired blocks failed; the failure was notified")
                .build());
        WorkflowSteps.onError(prunePage, failed);

        Pass start = Pass.Builder.create(this, "Start")
                .parameters(OrderedParameters.of("failedPages", 0, "lastFailedPage", Map.of("status", "ok")))
                .build();
        Pass nextPage = Pass.Builder.create(this, "NextPage")
                .parameters(OrderedParameters.of("cursor.$", "$.page.next", "failedPages.$", "$.failedPages",
                        "lastFailedPage.$", "$.lastFailedPage"))
                .build();
        Pass nextPageAfterFailure = Pass.Builder.create(this, "NextPageAfterFailure")
                .parameters(OrderedParameters.of("cursor.$", "$.page.next",
                        "failedPages.$", "States.MathAdd($.failedPages, 1)", "lastFailedPage.$", "$.page"))
                .build();
        // The notify step reads a failed step's output at $.page: put the last failed page back there.
        Pass lastFailure = Pass.Builder.create(this, "LastFailure")
                .parameters(OrderedParameters.of("page.$", "$.lastFailedPage", "failedPages.$", "$.failedPages"))
                .build();

        IChainable definition = start.next(prunePage).next(Choice.Builder.create(this, "PageSucceeded").build()
                .when(Condition.stringEquals("$.page.status", "ok"), Choice.Builder.create(this, "AnotherPage")
                        .build()
                        .when(Condition.isPresent("$.page.next"), nextPage.next(prunePage))
                        .otherwise(Choice.Builder.create(this, "AnyPageFailed").build()
                                .when(Condition.numberGreaterThan("$.failedPages", 0), lastFailure.next(failed))
                                .otherwise(Succeed.Builder.create(this, "Done").build())))
                .when(Condition.isPresent("$.page.next"), nextPageAfterFailure.next(prunePage))
                .otherwise(failed));
        this.stateMachine = WorkflowSteps.stateMachine(this, "StateMachine",
                "prune-ip: lift every expired block, page by page", definition, Duration.hours(2));
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }
}
