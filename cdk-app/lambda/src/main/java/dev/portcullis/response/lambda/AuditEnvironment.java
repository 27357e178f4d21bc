package dev.portcullis.response.lambda;

import dev.portcullis.response.config.ResponseConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the audit function reads from its environment, written by the stack's {@code AuditResponder}.
 *
 * <pre>
 * PORTCULLIS_CONFIG        the ResponseConfig as JSON (as for every function), required
 * AUDIT_ROLE_ARN           the function's own role: its changes are never audited, required
 * STACK_ROLE_ARNS          comma-separated roles of the stack's other functions (quarantine, kill switch, ...):
 *                          their changes are ours too and never reverted; optional
 * TOPIC_ARN                SNS topic for notifications, optional
 * SLACK_WEBHOOK_SECRET_ID  Secrets Manager secret id holding the Slack webhook URL, optional
 * </pre>
 */
public record AuditEnvironment(ResponseConfig config, String ownRoleArn, List<String> stackRoleArns,
                               Optional<String> topicArn, Optional<String> slackWebhookSecret) {

    public static final String AUDIT_ROLE_ARN = "AUDIT_ROLE_ARN";
    public static final String STACK_ROLE_ARNS = "STACK_ROLE_ARNS";

    public AuditEnvironment {
        stackRoleArns = List.copyOf(stackRoleArns);
    }

    /** The audit role and the stack's other function roles: changes made by any of them are the stack's own. */
    public List<String> ownRoleArns() {
        List<String> all = new ArrayList<>();
        all.add(ownRoleArn);
        all.addAll(stackRoleArns);
        return all;
    }

    public static AuditEnvironment from(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        ResponseConfig config = null;
        Optional<String> configText = value(env, LambdaEnvironment.CONFIG);
        if (configText.isEmpty()) {
            problems.add(LambdaEnvironment.CONFIG + " is not set");
        } else {
            try {
                config = ResponseConfig.parse(configText.get(), LambdaEnvironment.CONFIG);
            } catch (RuntimeException e) {
                problems.add(LambdaEnvironment.CONFIG + ": " + e.getMessage());
            }
        }
        Optional<String> role = value(env, AUDIT_ROLE_ARN);
        if (role.isEmpty()) {
            problems.add(AUDIT_ROLE_ARN + " is not set");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the audit function's environment is not usable: "
                    + String.join("; ", problems));
        }
        List<String> stackRoles = value(env, STACK_ROLE_ARNS).stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::strip).filter(r -> !r.isEmpty())
                .toList();
        return new AuditEnvironment(config, role.get(), stackRoles, value(env, LambdaEnvironment.TOPIC_ARN),
                value(env, LambdaEnvironment.SLACK_WEBHOOK_SECRET));
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }
}
