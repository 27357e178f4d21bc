package dev.portcullis.response.infra;

import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.events.EventPattern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The audit of deployed changes: an EventBridge rule on the CloudTrail management events that change security
 * posture (core's {@code EventPatterns.audit()}, the pattern {@code portcullis replay} matches) → the audit function
 * ({@code AuditHandler}), which reads the changed resource through Cloud Control, checks it with the gate's rule
 * catalog and reverts what the violated rules declare. Its role may read the audited resource types and make only
 * the three reverts; it is named {@code portcullis-audit-<region>} so every CloudTrail event it causes is recognised
 * as ours, by the function and by replay alike.
 */
public final class AuditResponder extends Construct {

    public static final String HANDLER = "dev.portcullis.response.lambda.AuditHandler::handleRequest";
    static final String AUDIT_ROLE_ARN = "AUDIT_ROLE_ARN";
    /** Must equal the name the audit function reads (AuditEnvironment.STACK_ROLE_ARNS); LambdaContractTest checks. */
    static final String STACK_ROLE_ARNS = "STACK_ROLE_ARNS";

    /** What Cloud Control's read handlers of the audited types call, besides GetResource (IAM prefix cloudformation:). */
    static final List<String> EC2_READS = List.of("ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules");
    static final List<String> S3_READS = List.of("s3:GetBucketPublicAccessBlock", "s3:GetBucketAcl",
            "s3:GetBucketPolicy", "s3:GetBucketTagging", "s3:GetBucketVersioning", "s3:GetBucketLogging",
            "s3:GetBucketNotification", "s3:GetBucketCORS", "s3:GetBucketWebsite", "s3:GetBucketObjectLockConfiguration",
            "s3:GetBucketOwnershipControls", "s3:GetEncryptionConfiguration", "s3:GetLifecycleConfiguration",
            "s3:GetReplicationConfiguration", "s3:GetAccelerateConfiguration", "s3:GetAnalyticsConfiguration",
            "s3:GetInventoryConfiguration", "s3:GetMetricsConfiguration", "s3:GetIntelligentTieringConfiguration",
            "s3:ListBucket");
    static final List<String> IAM_READS = List.of("iam:GetUser", "iam:ListUserPolicies", "iam:GetUserPolicy",
            "iam:ListAttachedUserPolicies", "iam:ListGroupsForUser", "iam:ListUserTags", "iam:GetLoginProfile");
    static final List<String> RDS_READS = List.of("rds:DescribeDBInstances");
    static final List<String> LAMBDA_READS = List.of("lambda:GetFunctionUrlConfig");

    private final Function function;
    private final Role role;
    private final Rule rule;

    /**
     * @param stackRoles the roles of the stack's other functions: what they change (an isolation group's rules,
     *                   say) is the stack's own doing and never reverted, so the two never undo each other
     */
    public AuditResponder(Construct scope, String id, ResponseConfig config, EventPattern pattern, Code code,
                          Notifications notifications, IQueue deadLetters, List<IRole> stackRoles) {
        super(scope, id);
        LogGroup logs = LogGroup.Builder.create(this, "AuditLogs")
                .retention(RetentionDays.THREE_MONTHS)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        this.role = Role.Builder.create(this, "AuditRole")
                .roleName("portcullis-audit-" + Aws.REGION)
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Runs the Portcullis audit of deployed changes; its own changes are never audited")
                .build();
        logs.grantWrite(role);
        grantLeastPrivilege();
        notifications.grantNotify(role);

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(FunctionEnvironment.CONFIG, FunctionEnvironment.configDocument(config));
        environment.putAll(notifications.environment());
        environment.put(AUDIT_ROLE_ARN, role.getRoleArn());
        if (!stackRoles.isEmpty()) {
            environment.put(STACK_ROLE_ARNS,
                    Fn.join(",", stackRoles.stream().map(IRole::getRoleArn).toList()));
        }
        this.function = Function.Builder.create(this, "Audit")
                .description("Audits CloudTrail changes with the Portcullis rule catalog and reverts what the rules declare")
                .runtime(ResponseFunctions.RUNTIME)
                .architecture(Architecture.ARM_64)
                .code(code)
                .handler(HANDLER)
                // The rule catalog and its schemas load once per instance; SnapStart keeps them in the snapshot.
                .memorySize(2048)
                .timeout(Duration.seconds(60))
                .role(role)
                .logGroup(logs)
                .tracing(Tracing.ACTIVE)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(environment)
                .build();
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "invoked only through the '" + ResponseFunctions.ALIAS + "' alias of a published version");
        Alias live = Alias.Builder.create(this, "AuditLive")
                .aliasName(ResponseFunctions.ALIAS)
                .version(function.getCurrentVersion())
                .build();

        // As in FindingRules: the L2 rule wires target, permission and dead letters; the pattern replaces the
        // stand-in verbatim, since the typed pattern cannot say prefix or exists:false.
        this.rule = Rule.Builder.create(this, FindingRules.ruleId(pattern.name()))
                .description(pattern.description())
                .eventPattern(software.amazon.awscdk.services.events.EventPattern.builder()
                        .source(List.of("replaced-below")).build())
                .build();
        ((CfnRule) rule.getNode().getDefaultChild()).addPropertyOverride("EventPattern", pattern.toMap());
        rule.addTarget(new LambdaFunction(live, LambdaFunctionProps.builder()
                .deadLetterQueue(deadLetters)
                .retryAttempts(4)
                .maxEventAge(Duration.hours(2))
                .build()));
        exemptions();
    }

    private void grantLeastPrivilege() {
        Stack stack = Stack.of(this);
        String groups = stack.formatArn(ArnComponents.builder().service("ec2").resource("security-group")
                .resourceName("*").build());
        String buckets = "arn:" + Aws.PARTITION + ":s3:::*";
        String users = stack.formatArn(ArnComponents.builder().service("iam").region("").resource("user")
                .resourceName("*").build());
        String databases = stack.formatArn(ArnComponents.builder().service("rds").resource("db").resourceName("*")
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
        String functions = stack.formatArn(ArnComponents.builder().service("lambda").resource("function")
                .resourceName("*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
        // Cloud Control's actions carry the cloudformation: prefix in IAM; like EC2's Describe calls they support
        // no resource-level permissions.
        List<String> anywhere = new ArrayList<>(List.of("cloudformation:GetResource"));
        anywhere.addAll(EC2_READS);
        allow(anywhere, List.of("*"));
        allow(S3_READS, List.of(buckets));
        allow(IAM_READS, List.of(users));
        allow(RDS_READS, List.of(databases));
        allow(LAMBDA_READS, List.of(functions));
        // The reverts, and nothing else that writes.
        allow(List.of("ec2:RevokeSecurityGroupIngress"), List.of(groups));
        allow(List.of("s3:PutBucketPublicAccessBlock"), List.of(buckets));
        allow(List.of("lambda:DeleteFunctionUrlConfig"), List.of(functions));
    }

    private void allow(List<String> actions, List<String> resources) {
        role.addToPrincipalPolicy(PolicyStatement.Builder.create().actions(actions).resources(resources).build());
    }

    private void exemptions() {
        String audits = "The audit reviews changes to any security group, bucket, IAM user, database or function of "
                + "the account, found at run time from the CloudTrail event, so its reads and its three reverts are "
                + "limited to the resource type in this account and region, not to named resources.";
        List<NagPackSuppression> list = List.of(
                wildcard("cloudformation:GetResource, ec2:DescribeSecurityGroups and ec2:DescribeSecurityGroupRules, "
                        + "like X-Ray trace upload, support no resource-level permissions.", "Resource::*"),
                wildcard(audits, "Resource::arn:<AWS::Partition>:s3:::*"),
                wildcard(audits, "Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:security-group/*"),
                wildcard(audits, "Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:user/*"),
                wildcard(audits, "Resource::arn:<AWS::Partition>:rds:<AWS::Region>:<AWS::AccountId>:db:*"),
                wildcard(audits, "Resource::arn:<AWS::Partition>:lambda:<AWS::Region>:<AWS::AccountId>:function:*"),
                wildcard("Granted by topic.grantPublish on the topic's own key only: SNS asks for data keys with "
                        + "kms:GenerateDataKey*.", "Action::kms:GenerateDataKey*"));
        NagSuppressions.addResourceSuppressions(role, list, true);
    }

    private static NagPackSuppression wildcard(String reason, String appliesTo) {
        return NagPackSuppression.builder().id("AwsSolutions-IAM5").reason(reason).appliesTo(List.of(appliesTo)).build();
    }

    public Function function() {
        return function;
    }

    public Role role() {
        return role;
    }

    public Rule rule() {
        return rule;
    }
}
