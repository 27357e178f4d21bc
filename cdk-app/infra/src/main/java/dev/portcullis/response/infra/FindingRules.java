package dev.portcullis.response.infra;

import dev.portcullis.response.events.EventPattern;
import dev.portcullis.response.events.EventPatterns;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.events.targets.SfnStateMachineProps;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * The EventBridge rules: one per pattern of {@link EventPatterns} (the same objects {@code portcullis replay} matches
 * against, so a replayed event matches exactly when the deployed rule would), plus the schedules of prune-ip and
 * reconcile. Every target delivery that fails after EventBridge's retries lands in the dead-letter queue.
 */
public final class FindingRules extends Construct {

    /** Expired blocks are lifted within this long of their expiry. */
    public static final Duration PRUNE_EVERY = Duration.hours(1);
    /** Drift (hand edits, half-failed writes) is repaired within this long. */
    public static final Duration RECONCILE_EVERY = Duration.hours(6);

    public FindingRules(Construct scope, String id, EventPatterns patterns, IStateMachine recordIp,
                        IStateMachine pruneIp, IStateMachine reconcile, IQueue deadLetters) {
        super(scope, id);
        for (EventPattern pattern : patterns.all()) {
            // The L2 rule wires the target, its role and its dead-letter queue; its typed EventPattern cannot express
            // numeric or prefix matching, so the pattern itself replaces the stand-in one verbatim.
            Rule rule = Rule.Builder.create(this, ruleId(pattern.name()))
                    .description(pattern.description())
                    .eventPattern(software.amazon.awscdk.services.events.EventPattern.builder()
                            .source(List.of("replaced-below")).build())
                    .build();
            ((CfnRule) rule.getNode().getDefaultChild()).addPropertyOverride("EventPattern", pattern.toMap());
            rule.addTarget(target(recordIp, deadLetters));
        }
        Rule.Builder.create(this, "PruneIpSchedule")
                .description("Starts prune-ip: lift every expired block")
                .schedule(Schedule.rate(PRUNE_EVERY))
                .targets(List.of(target(pruneIp, deadLetters)))
                .build();
        Rule.Builder.create(this, "ReconcileSchedule")
                .description("Starts reconcile: repair and report drift between blocklist and enforcement points")
                .schedule(Schedule.rate(RECONCILE_EVERY))
                .targets(List.of(target(reconcile, deadLetters)))
                .build();
    }

    private static SfnStateMachine target(IStateMachine machine, IQueue deadLetters) {
        return new SfnStateMachine(machine, SfnStateMachineProps.builder()
                .deadLetterQueue(deadLetters)
                .retryAttempts(8)
                .maxEventAge(Duration.hours(6))
                .build());
    }

    /** {@code guardduty-finding} → {@code GuarddutyFindingRule}. */
    static String ruleId(String patternName) {
        StringBuilder id = new StringBuilder();
        for (String part : patternName.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id.append("Rule").toString();
    }
}
