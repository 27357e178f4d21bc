package dev.portcullis.response.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * Alarms for what must never pass silently: an event that could not be delivered (dead-letter queue not empty) and
 * a workflow that failed, timed out or was aborted. Each alarm notifies the stack's topic.
 */
public final class OperationalAlarms extends Construct {

    private static final MetricOptions FIVE_MINUTE_SUM = MetricOptions.builder()
            .period(Duration.minutes(5)).statistic("Sum").build();

    public OperationalAlarms(Construct scope, String id, IQueue deadLetters, List<StateMachine> workflows,
                             ITopic topic) {
        super(scope, id);
        SnsAction notify = new SnsAction(topic);
        alarm("DeadLettersAlarm", "Events or schedule triggers could not be delivered to a workflow",
                deadLetters.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(Duration.minutes(5)).statistic("Maximum").build()), notify);
        for (StateMachine workflow : workflows) {
            String name = workflow.getNode().getScope().getNode().getId();
            alarm(name + "FailedAlarm", name + " executions failed", workflow.metricFailed(FIVE_MINUTE_SUM), notify);
            alarm(name + "TimedOutAlarm", name + " executions timed out", workflow.metricTimedOut(FIVE_MINUTE_SUM),
                    notify);
            alarm(name + "AbortedAlarm", name + " executions were aborted", workflow.metricAborted(FIVE_MINUTE_SUM),
                    notify);
        }
    }

    private void alarm(String id, String description, IMetric metric, SnsAction action) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(action);
    }
}
