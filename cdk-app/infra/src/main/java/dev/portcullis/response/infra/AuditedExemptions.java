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
            ResponseFunction.NOTIFY, ResponseFunction.RECONCILE, ResponseFunction.QUARANTINE,
            ResponseFunction.FLOW_LOG);
    /** Functions that contain instances (quarantine, kill switch). */
    private static final Set<ResponseFunction> CONTAINS = EnumSet.of(ResponseFunction.QUARANTINE,
            ResponseFunction.FLOW_LOG);
    private static final String INSTANCE_DESCRIBE = " The instance look-ups (ec2:DescribeInstances, "
            + "DescribeNetworkInterfaces, DescribeSecurityGroups, autoscaling:DescribeAutoScalingInstances, "
            + "elasticloadbalancing:DescribeTargetGroups and DescribeTargetHealth) likewise support no resource-level "
            + "permissions.";
    /** Why each instance-level wildcard of {@link InstanceControl} is as narrow as IAM allows. */
    private static final List<String[]> CONTAINMENT = List.of(
            new String[] {"vpc/*", "ec2:CreateSecurityGroup creates the isolation group in whichever VPC the "
                    + "quarantined instance is in, known only at run time; the group itself must carry the "
                    + "portcullis:isolation tag (aws:RequestTag condition)."},
            new String[] {"security-group/*", "Rule edits are limited to groups tagged portcullis:isolation "
                    + "(aws:ResourceTag condition) and tagging to CreateSecurityGroup; ModifyNetworkInterfaceAttribute "
                    + "must name the groups it assigns: the isolation group, or on Release the instance's own groups."},
            new String[] {"network-interface/*", "ModifyNetworkInterfaceAttribute acts on the interfaces of the "
                    + "instance a finding or a flow-log record names, which are the users' own and known only at "
                    + "run time."},
            new String[] {"instance/*", "Tags may only be written or removed under keys portcullis:* "
                    + "(aws:TagKeys condition); termination only of instances tagged "
                    + "portcullis:terminate-on-threat=true (aws:ResourceTag condition)."},
            new String[] {"volume/*", "ec2:CreateSnapshot acts on the volumes of the instance being contained, "
                    + "known only at run time; snapshots are tagged only as they are created (ec2:CreateAction)."},
            new String[] {"snapshot/*", "Snapshot ARNs are chosen by EC2 at creation, so CreateSnapshot and its "
                    + "tags can only name snapshot/* (tagging is limited to CreateSnapshot by ec2:CreateAction)."},
            new String[] {"autoScalingGroup:*", "autoscaling:DetachInstances acts on the group the contained "
                    + "instance belongs to, found at run time."},
            new String[] {"targetgroup/*", "elasticloadbalancing:DeregisterTargets acts on the target groups the "
                    + "contained instance is registered in, found at run time."});

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
            exemptions.add(wildcard(TRACING + (nacl && LOCATES.contains(function) ? DESCRIBE : "")
                    + (CONTAINS.contains(function) ? INSTANCE_DESCRIBE : ""), "Resource::*"));
            if (CONTAINS.contains(function)) {
                exemptions.addAll(containment(function == ResponseFunction.FLOW_LOG && config.flowLogs().response()
                        .terminates()));
            }
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

    private static List<NagPackSuppression> containment(boolean terminates) {
        List<NagPackSuppression> out = new ArrayList<>();
        for (String[] entry : CONTAINMENT) {
            String resource = entry[0].startsWith("snapshot")
                    ? "arn:<AWS::Partition>:ec2:<AWS::Region>::" + entry[0]
                    : entry[0].startsWith("autoScalingGroup")
                    ? "arn:<AWS::Partition>:autoscaling:<AWS::Region>:<AWS::AccountId>:" + entry[0]
                    : entry[0].startsWith("targetgroup")
                    ? "arn:<AWS::Partition>:elasticloadbalancing:<AWS::Region>:<AWS::AccountId>:" + entry[0]
                    : "arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:" + entry[0];
            out.add(wildcard(entry[1], "Resource::" + resource));
        }
        return out;
    }

    /**
     * The singleton function of the CDK's AwsCustomResource, which creates the Security Hub action targets
     * (CloudFormation has no resource for them): its role has the managed basic-execution policy, which the CDK
     * attaches and which only allows writing its own logs.
     */
    static void customResourceProvider(ResponseStack stack) {
        // The provider is a singleton per stack, at a construct id the CDK fixes.
        NagSuppressions.addResourceSuppressionsByPath(stack, "/" + stack.getNode().getPath()
                + "/AWS679f53fac002430cb0da5b7982bd2287/ServiceRole/Resource", List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM4").reason("The CDK's AwsCustomResource provider (it creates the Security Hub "
                        + "action targets, which CloudFormation cannot) uses AWSLambdaBasicExecutionRole, which "
                        + "only lets it write its own logs.")
                .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                        + "AWSLambdaBasicExecutionRole")).build()));
    }

    private static NagPackSuppression suppression(String id, String reason) {
        return NagPackSuppression.builder().id(id).reason(reason).build();
    }

    private static NagPackSuppression wildcard(String reason, String appliesTo) {
        return NagPackSuppression.builder().id("AwsSolutions-IAM5").reason(reason).appliesTo(List.of(appliesTo))
                .build();
    }
}
