package dev.portcullis.response.infra;

import dev.portcullis.response.instance.QuarantineTags;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * What the instance playbooks may do to EC2 instances, as narrowly as IAM allows. The instances, interfaces and
 * volumes are the users' own, found at run time, so those actions are limited to the account and region and, where
 * EC2 supports conditions, to our tags: only tag keys under {@value QuarantineTags#PREFIX} may be written or removed,
 * only the isolation group's rules may be edited (it carries {@value QuarantineTags#ISOLATION_GROUP}), and only
 * instances tagged {@value QuarantineTags#TERMINATE_OPT_IN}{@code =true} may be terminated, so IAM enforces the
 * opt-in too. Describe calls support no resource-level permissions.
 */
final class InstanceControl {

    /** Read-only calls AWS authorises only on "*". */
    static final List<String> DESCRIBE = List.of("ec2:DescribeInstances", "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeSecurityGroups", "autoscaling:DescribeAutoScalingInstances",
            "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth");

    private final Stack stack;

    InstanceControl(Construct scope) {
        this.stack = Stack.of(scope);
    }

    /** Look up, isolate, release and snapshot instances; detach them from Auto Scaling groups and target groups. */
    void grantContain(IGrantable grantee) {
        add(grantee, PolicyStatement.Builder.create().actions(DESCRIBE).resources(List.of("*")).build());
        add(grantee, PolicyStatement.Builder.create().actions(List.of("ec2:CreateSecurityGroup"))
                .resources(List.of(ec2("vpc"))).build());
        add(grantee, PolicyStatement.Builder.create().actions(List.of("ec2:CreateSecurityGroup"))
                .resources(List.of(ec2("security-group")))
                .conditions(Map.of("StringEquals", Map.of("aws:RequestTag/" + QuarantineTags.ISOLATION_GROUP, "true")))
                .build());
        add(grantee, PolicyStatement.Builder.create().actions(List.of("ec2:CreateTags"))
                .resources(List.of(ec2("security-group")))
                .conditions(Map.of("StringEquals", Map.of("ec2:CreateAction", "CreateSecurityGroup"))).build());
        add(grantee, PolicyStatement.Builder.create()
                .actions(List.of("ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress",
                        "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"))
                .resources(List.of(ec2("security-group")))
                .conditions(Map.of("StringEquals", Map.of("aws:ResourceTag/" + QuarantineTags.ISOLATION_GROUP,
                        "true")))
                .build());
        add(grantee, PolicyStatement.Builder.create().actions(List.of("ec2:ModifyNetworkInterfaceAttribute"))
                .resources(List.of(ec2("network-interface"), ec2("security-group"))).build());
        add(grantee, PolicyStatement.Builder.create().actions(List.of("ec2:CreateTags", "ec2:DeleteTags"))
                .resources(List.of(ec2("instance")))
                .conditions(Map.of("ForAllValues:StringLike", Map.of("aws:TagKeys", QuarantineTags.PREFIX + "*")))
                .build());
        add(grantee, PolicyStatement.Builder.create().actions(List.of("ec2:CreateSnapshot"))
                .resources(List.of(ec2("volume"), snapshots())).build());
        add(grantee, PolicyStatement.Builder.create().actions(List.of("ec2:CreateTags"))
                .resources(List.of(snapshots()))
                .conditions(Map.of("StringEquals", Map.of("ec2:CreateAction", "CreateSnapshot"))).build());
        add(grantee, PolicyStatement.Builder.create().actions(List.of("autoscaling:DetachInstances"))
                .resources(List.of(stack.formatArn(ArnComponents.builder().service("autoscaling")
                        .resource("autoScalingGroup").resourceName("*").arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                        .build()))).build());
        add(grantee, PolicyStatement.Builder.create().actions(List.of("elasticloadbalancing:DeregisterTargets"))
                .resources(List.of(stack.formatArn(ArnComponents.builder().service("elasticloadbalancing")
                        .resource("targetgroup").resourceName("*").arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                        .build()))).build());
    }

    /** Terminate instances whose owners opted in with the tag; IAM refuses any other. */
    void grantTerminateOptedIn(IGrantable grantee) {
        add(grantee, PolicyStatement.Builder.create().actions(List.of("ec2:TerminateInstances"))
                .resources(List.of(ec2("instance")))
                .conditions(Map.of("StringEquals", Map.of("aws:ResourceTag/" + QuarantineTags.TERMINATE_OPT_IN,
                        "true")))
                .build());
    }

    /** {@code arn:PARTITION:ec2:REGION:ACCOUNT:TYPE/*}. */
    String ec2(String type) {
        return stack.formatArn(ArnComponents.builder().service("ec2").resource(type).resourceName("*").build());
    }

    /** Snapshot ARNs carry no account. */
    private String snapshots() {
        return stack.formatArn(ArnComponents.builder().service("ec2").account("").resource("snapshot")
                .resourceName("*").build());
    }

    private static void add(IGrantable grantee, PolicyStatement statement) {
        statement.setEffect(Effect.ALLOW);
        grantee.getGrantPrincipal().addToPrincipalPolicy(statement);
    }
}
