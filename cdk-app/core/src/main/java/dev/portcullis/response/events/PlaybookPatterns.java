package dev.portcullis.response.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.response.finding.CustomAction;
import dev.portcullis.response.finding.CustomActionEvents;
import dev.portcullis.response.finding.FindingEvents;

/**
 * The EventBridge patterns of the Security Hub custom actions: {@code Security Hub Findings - Custom Action} events
 * whose {@code resources} hold the action target's ARN. The stack passes the ARN of the action target it creates (a
 * CloudFormation reference); replay builds it from the event's account and region, as the deployed target would have.
 */
public final class PlaybookPatterns {

    public static final String QUARANTINE_RULE = "securityhub-quarantine";
    public static final String RELEASE_RULE = "securityhub-release";
    /** The name replay reports for the flow-log subscription (it has no event pattern: every record is delivered). */
    public static final String FLOW_LOG_SUBSCRIPTION = "flow-log-subscription";

    private PlaybookPatterns() {
    }

    public static String ruleName(CustomAction action) {
        return action == CustomAction.QUARANTINE ? QUARANTINE_RULE : RELEASE_RULE;
    }

    public static EventPattern customAction(CustomAction action, String actionArn) {
        ObjectNode pattern = JsonNodeFactory.instance.objectNode();
        pattern.putArray("source").add(FindingEvents.SECURITY_HUB_SOURCE);
        pattern.putArray("detail-type").add(CustomActionEvents.DETAIL_TYPE);
        pattern.putArray("resources").add(actionArn);
        return new EventPattern(ruleName(action), "Security Hub custom action " + action.displayName() + ": "
                + action.description(), pattern);
    }
}
