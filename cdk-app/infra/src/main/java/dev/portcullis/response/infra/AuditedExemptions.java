package dev.portcullis.response.infra;

import dev.portcullis.response.config.Backend;
import dev.portcullis.response.config.ResponseConfig;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import software.amazon.awscdk.services.stepfunctions.StateMachine;

/**
 * The cdk-nag (AwsSolutions) findings this stack accepts, each with the reason it is acceptable here, in one place
 * so a reviewer reads every exemption at once. Each is scoped to the construct and, for wildcards, to the exact
 * wildcard it excuses ({@code appliesTo}); the stack test fails on any finding not excused here.
 */
final class AuditedExemptions {

    private static final String TRACING = "X-Ray trace upload (xray:PutTraceSegments, xray:PutTelemetryRecords) "
            + "supports no resource-level permissions; '*' is the only resource AWS accepts.";
    private static final String DESCRIBE = " ec2:DescribeInstances and ec2:DescribeNetworkAcls, which find the network "
            + "ACL of the attacked instance's subnet, likewise support no resource-level permissions.";
    private static final String LOG_DELIVERY = " Step Functions log delivery to CloudWatch Logs (logs:CreateLogDelivery "
            + "and the other vended-log actions) also supports no resource-level permissions.";

    /** Functions that find a block's network ACL (Describe* on "*"). */
    private static final Set<ResponseFunction> LOCATES = EnumSet.of(ResponseFunction.STORE,
            ResponseFunction.ENFORCE, ResponseFunction.PRUNE, ResponseFunction.RECONCILE);
    /** Functions that write enforcement points. */
    private static final Set<ResponseFunction> WRITES = EnumSet.of(ResponseFunction.ENFORCE, ResponseFunction.PRUNE,
            ResponseFunction.RECONCILE);
    /** Functions that publish to the topic. */
    private static final Set<ResponseFunction> NOTIFIES = EnumSet.of(ResponseFunction.ENFORCE,
            ResponseFunction.NOTIFY, ResponseFunction.RECONCILE);

    private AuditedExemptions() {
    }

    static void apply(ResponseStack stack, ResponseConfig config) {
        NagSuppressions.addResourceSuppressions(stack.deadLetters(), List.of(suppression("AwsSolutions-SQS3",
                "This queue is itself the dead-letter queue of the EventBridge targets; its depth raises an alarm.")));

        boolean nacl = config.backends().contains(Backend.NACL);
        boolean ownTopic = config.notifications().snsTopicArn().isEmpty();
        for (ResponseFunction function : ResponseFunction.values()) {
            // Each exemption only where the stack grants the wildcard it excuses.
            List<NagPackSuppression> exemptions = new ArrayList<>();
            exemptions.add(wildcard(TRACING + (nacl && LOCATES.contains(function) ? DESCRIBE : ""), "Resource::*"));
            if (ownTopic && NOTIFIES.contains(function)) {
                exemptions.add(wildcard("Granted by topic.grantPublish on the topic's own key only: SNS asks for "
                        + "data keys with kms:GenerateDataKey*, so the action family is what SNS encryption needs.",
                        "Action::kms:GenerateDataKey*"));
            }
            if (nacl && WRITES.contains(function)) {
                exemptions.add(wildcard("ec2:CreateNetworkAclEntry and ec2:DeleteNetworkAclEntry act on the users' "
                        + "own network ACLs, found at run time from the attacked instance's subnet; they are limited "
                        + "to network ACLs of this account and region.",
                        "Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:network-acl/*"));
            }
            NagSuppressions.addResourceSuppressions(stack.functions().role(function), exemptions, true);
        }

        for (StateMachine machine : List.of(stack.recordIp().stateMachine(), stack.pruneIp().stateMachine(),
                stack.reconcile().stateMachine())) {
            NagSuppressions.addResourceSuppressions(machine.getRole(), List.of(wildcard(TRACING + LOG_DELIVERY,
                    "Resource::*")), true);
        }
    }

    private static NagPackSuppression suppression(String id, String reason) {
        return NagPackSuppression.builder().id(id).reason(reason).build();
    }

    private static NagPackSuppression wildcard(String reason, String appliesTo) {
        return NagPackSuppression.builder().id("AwsSolutions-IAM5").reason(reason).appliesTo(List.of(appliesTo))
                .build();
    }
}
