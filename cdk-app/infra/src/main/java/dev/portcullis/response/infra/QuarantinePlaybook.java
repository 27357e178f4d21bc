package dev.portcullis.response.infra;

import dev.portcullis.response.events.EventPattern;
import dev.portcullis.response.events.PlaybookPatterns;
import dev.portcullis.response.finding.CustomAction;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The Security Hub custom actions Quarantine and Release: an action target each, and an EventBridge rule on
 * "Security Hub Findings - Custom Action" events naming that target's ARN, invoking the Quarantine function (which
 * tells the two apart by the ARN). The function gets what containment needs ({@link InstanceControl}), notifies, and
 * marks the findings.
 */
public final class QuarantinePlaybook extends Construct {

    private final Map<CustomAction, AwsCustomResource> targets = new EnumMap<>(CustomAction.class);
    private final Map<CustomAction, String> arns = new EnumMap<>(CustomAction.class);

    public QuarantinePlaybook(Construct scope, String id, ResponseFunctions functions, Notifications notifications,
                              IQueue deadLetters) {
        super(scope, id);
        for (CustomAction action : CustomAction.values()) {
            String arn = Stack.of(this).formatArn(ArnComponents.builder().service("securityhub").resource("action")
                    .resourceName("custom/" + action.id()).arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
            targets.put(action, actionTarget(action, arn));
            arns.put(action, arn);
            EventPattern pattern = PlaybookPatterns.customAction(action, arn);
            Rule rule = Rule.Builder.create(this, action.displayName() + "Rule")
                    .description(pattern.description())
                    .eventPattern(software.amazon.awscdk.services.events.EventPattern.builder()
                            .source(List.of("replaced-below")).build())
                    .build();
            // As for the finding rules: the pattern object replay matches is the one deployed.
            ((CfnRule) rule.getNode().getDefaultChild()).addPropertyOverride("EventPattern", pattern.toMap());
            rule.addTarget(new LambdaFunction(functions.live(ResponseFunction.QUARANTINE), LambdaFunctionProps.builder()
                    .deadLetterQueue(deadLetters)
                    .retryAttempts(8)
                    .maxEventAge(Duration.hours(6))
                    .build()));
        }
        new InstanceControl(this).grantContain(functions.role(ResponseFunction.QUARANTINE));
        notifications.grantNotify(functions.role(ResponseFunction.QUARANTINE));
        notifications.grantUpdateFindings(functions.role(ResponseFunction.QUARANTINE));
    }

    /**
     * CloudFormation has no Security Hub action target resource, so the stack creates each with the Security Hub API
     * (CreateActionTarget on create, UpdateActionTarget on update, DeleteActionTarget on delete). A target with the
     * same id made by hand is adopted (the conflict is ignored) and deleted with the stack.
     */
    private AwsCustomResource actionTarget(CustomAction action, String arn) {
        Map<String, Object> create = OrderedParameters.of("Id", action.id(), "Name", action.displayName(),
                "Description", action.description());
        return AwsCustomResource.Builder.create(this, action.displayName() + "ActionTarget")
                .onCreate(AwsSdkCall.builder().service("SecurityHub").action("CreateActionTarget")
                        .parameters(create).physicalResourceId(PhysicalResourceId.of(arn))
                        .ignoreErrorCodesMatching("ResourceConflictException").build())
                .onUpdate(AwsSdkCall.builder().service("SecurityHub").action("UpdateActionTarget")
                        .parameters(OrderedParameters.of("ActionTargetArn", arn, "Name", action.displayName(),
                                "Description", action.description()))
                        .physicalResourceId(PhysicalResourceId.of(arn)).build())
                .onDelete(AwsSdkCall.builder().service("SecurityHub").action("DeleteActionTarget")
                        .parameters(OrderedParameters.of("ActionTargetArn", arn))
                        .ignoreErrorCodesMatching("ResourceNotFoundException").build())
                .policy(AwsCustomResourcePolicy.fromStatements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("securityhub:CreateActionTarget", "securityhub:UpdateActionTarget",
                                "securityhub:DeleteActionTarget"))
                        .resources(List.of(arn, Stack.of(this).formatArn(ArnComponents.builder()
                                .service("securityhub").resource("hub").resourceName("default").build())))
                        .build())))
                // The SDK bundled with the Lambda runtime: no download from npm during a deployment.
                .installLatestAwsSdk(false)
                .build();
    }

    /** The action target's ARN, as the custom-action events name it in {@code resources}. */
    public String actionTargetArn(CustomAction action) {
        return arns.get(action);
    }

    public AwsCustomResource actionTarget(CustomAction action) {
        return targets.get(action);
    }
}
