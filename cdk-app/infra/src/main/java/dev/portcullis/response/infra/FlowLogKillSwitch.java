package dev.portcullis.response.infra;

import dev.portcullis.response.config.FlowLogSettings;
import dev.portcullis.response.flowlog.FlowLogFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.ec2.CfnFlowLog;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.logs.SubscriptionFilter;
import software.amazon.awscdk.services.logs.destinations.LambdaDestination;
import software.constructs.Construct;

/**
 * The flow-log kill switch: a log group for VPC flow logs (always; point existing flow logs at it), a subscription
 * filter that delivers every record to the FlowLog function, the function's rate-limit table, and, for each VPC
 * named in {@code flow-logs.vpc-ids}, a flow log into the group in the stack's own record format (with
 * {@code flow-direction}, {@code pkt-srcaddr}, {@code pkt-dstaddr} and {@code tcp-flags}) and the role that
 * delivers it.
 */
public final class FlowLogKillSwitch extends Construct {

    /** Environment variable naming the rate-limit table (read by the Lambda module's PlaybookAdapters). */
    public static final String LEDGER_TABLE = "RESPONSE_LEDGER_TABLE";
    /** Partition key and TTL attribute of the rate-limit table (as the Lambda module's ledger writes them). */
    public static final String LEDGER_KEY = "pk";
    public static final String LEDGER_TTL = "ttl";

    private final LogGroup logGroup;
    private final Table ledger;
    private final List<CfnFlowLog> flowLogs = new ArrayList<>();

    public FlowLogKillSwitch(Construct scope, String id, FlowLogSettings settings, ResponseFunctions functions,
                             Notifications notifications, BlocklistTable blocklist) {
        super(scope, id);
        this.logGroup = LogGroup.Builder.create(this, "FlowLogs")
                .retention(RetentionDays.THREE_MONTHS)
                // Flow logs are evidence: they outlive the stack, like the functions' logs.
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        this.ledger = Table.Builder.create(this, "RateLimit")
                .partitionKey(Attribute.builder().name(LEDGER_KEY).type(AttributeType.STRING).build())
                .timeToLiveAttribute(LEDGER_TTL)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .encryption(TableEncryption.AWS_MANAGED)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                // Counters of the current window only: nothing worth keeping past the stack.
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        SubscriptionFilter.Builder.create(this, "KillSwitch")
                .logGroup(logGroup)
                .destination(new LambdaDestination(functions.live(ResponseFunction.FLOW_LOG)))
                .filterPattern(FilterPattern.allEvents())
                .build();
        functions.function(ResponseFunction.FLOW_LOG).addEnvironment(LEDGER_TABLE, ledger.getTableName());

        var role = functions.role(ResponseFunction.FLOW_LOG);
        InstanceControl control = new InstanceControl(this);
        control.grantContain(role);
        if (settings.response().terminates()) {
            control.grantTerminateOptedIn(role);
        }
        blocklist.table().grantReadData(role);
        ledger.grantReadWriteData(role);
        notifications.grantNotify(role);

        if (!settings.vpcIds().isEmpty()) {
            Role delivery = Role.Builder.create(this, "DeliveryRole")
                    .assumedBy(new ServicePrincipal("vpc-flow-logs.amazonaws.com").withConditions(Map.of(
                            "StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount()))))
                    .description("Delivers VPC flow logs to the Portcullis kill switch's log group")
                    .build();
            delivery.addToPolicy(PolicyStatement.Builder.create()
                    .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"))
                    .resources(List.of(logGroup.getLogGroupArn()))
                    .build());
            for (String vpc : settings.vpcIds()) {
                flowLogs.add(CfnFlowLog.Builder.create(this, "FlowLog-" + vpc)
                        .resourceId(vpc)
                        .resourceType("VPC")
                        .trafficType("ALL")
                        .logDestinationType("cloud-watch-logs")
                        .logGroupName(logGroup.getLogGroupName())
                        .deliverLogsPermissionArn(delivery.getRoleArn())
                        .logFormat(FlowLogFormat.PORTCULLIS.text())
                        // One minute: the kill switch sees traffic within about a minute instead of ten.
                        .maxAggregationInterval(60)
                        .build());
            }
        }
    }

    public LogGroup logGroup() {
        return logGroup;
    }

    public Table ledger() {
        return ledger;
    }

    public List<CfnFlowLog> flowLogs() {
        return List.copyOf(flowLogs);
    }
}
