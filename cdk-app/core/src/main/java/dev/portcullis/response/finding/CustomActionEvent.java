package dev.portcullis.response.finding;

import java.util.List;
import java.util.Optional;

/**
 * A "Security Hub Findings - Custom Action" event: an operator chose an action on one or more findings.
 *
 * @param action    ours, by the action ARN in {@code resources}; empty for another custom action
 * @param actionArn the action target ARN the event names
 * @param findings  the findings the action was chosen on, each with the EC2 instances it names
 */
public record CustomActionEvent(Optional<CustomAction> action, String actionArn, String actionName, String account,
                                String region, List<ActionFinding> findings) {

    public CustomActionEvent {
        findings = List.copyOf(findings);
    }

    /**
     * One ASFF finding of the event.
     *
     * @param instanceIds the ids of its {@code AwsEc2Instance} resources, in order, each once
     */
    public record ActionFinding(String id, String productArn, String title, List<String> instanceIds) {
        public ActionFinding {
            instanceIds = List.copyOf(instanceIds);
        }
    }
}
