package dev.portcullis.response.infra;

import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.events.EventPatterns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The response stack: finding rules → record-ip workflow → blocklist and enforcement points, with the prune-ip and
 * reconcile workflows on schedules, notifications, dead letters and alarms. Everything it deploys follows from
 * one {@link ResponseConfig}; see docs/response-stack.md.
 */
public final class ResponseStack extends Stack {

    private final BlocklistTable blocklist;
    private final EnforcementPoints enforcementPoints;
    private final Notifications notifications;
    private final ResponseFunctions functions;
    private final RecordIpWorkflow recordIp;
    private final PruneIpWorkflow pruneIp;
    private final ReconcileWorkflow reconcile;
    private final FindingRules rules;
    private final Queue deadLetters;
    private final QuarantinePlaybook quarantine;
    private final FlowLogKillSwitch killSwitch;
    private final java.util.Optional<AuditResponder> audit;

    public ResponseStack(Construct scope, String id, ResponseStackProps props) {
        super(scope, id, props.stack());
        ResponseConfig config = props.config();

        this.blocklist = new BlocklistTable(this, "Blocklist");
        this.enforcementPoints = new EnforcementPoints(this, "EnforcementPoints", config);
        this.notifications = new Notifications(this, "Notifications", config.notifications());

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(FunctionEnvironment.CONFIG, FunctionEnvironment.configDocument(config));
        environment.put(FunctionEnvironment.BLOCKLIST_TABLE, blocklist.tableName());
        environment.putAll(enforcementPoints.environment());
        environment.putAll(notifications.environment());
        this.functions = new ResponseFunctions(this, "Functions", props.functionCode(), environment);
        grantLeastPrivilege();

        this.recordIp = new RecordIpWorkflow(this, "RecordIp", functions);
        this.pruneIp = new PruneIpWorkflow(this, "PruneIp", functions);
        this.reconcile = new ReconcileWorkflow(this, "Reconcile", functions);

        this.deadLetters = Queue.Builder.create(this, "DeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        this.rules = new FindingRules(this, "Rules", EventPatterns.from(config), recordIp.stateMachine(),
                pruneIp.stateMachine(), reconcile.stateMachine(), deadLetters);
        this.quarantine = new QuarantinePlaybook(this, "Quarantine", functions, notifications, deadLetters);
        this.killSwitch = new FlowLogKillSwitch(this, "KillSwitch", config.flowLogs(), functions, notifications, blocklist);
        this.audit = EventPatterns.from(config).audit().map(pattern -> new AuditResponder(this, "Audit", config,
                pattern, props.functionCode(), notifications, deadLetters,
                java.util.Arrays.stream(ResponseFunction.values()).map(functions::role).toList()));
        new OperationalAlarms(this, "Alarms", deadLetters,
                List.of(recordIp.stateMachine(), pruneIp.stateMachine(), reconcile.stateMachine()),
                notifications.topic());

        AuditedExemptions.apply(this, config);
        AuditedExemptions.customResourceProvider(this);
        outputs();
    }

    /**
     * Each function gets what its step does, on this stack's resources only. Store also reads the network ACLs
     * when the NACL backend is on: it resolves the attacked instance's ACL, the enforcement point of the block.
     */
    private void grantLeastPrivilege() {
        // Decide is a pure function of the event and the configuration: it is granted nothing.
        blocklist.grantReadWrite(functions.role(ResponseFunction.STORE));
        enforcementPoints.grantLocate(functions.role(ResponseFunction.STORE));

        blocklist.grantReadWrite(functions.role(ResponseFunction.ENFORCE));
        enforcementPoints.grantEnforce(functions.role(ResponseFunction.ENFORCE));
        // Evicting the oldest block when an enforcement point is full is announced at once.
        notifications.grantNotify(functions.role(ResponseFunction.ENFORCE));

        notifications.grantNotify(functions.role(ResponseFunction.NOTIFY));
        notifications.grantUpdateFindings(functions.role(ResponseFunction.NOTIFY));

        blocklist.grantReadWrite(functions.role(ResponseFunction.PRUNE));
        enforcementPoints.grantEnforce(functions.role(ResponseFunction.PRUNE));

        blocklist.grantReadWrite(functions.role(ResponseFunction.RECONCILE));
        enforcementPoints.grantEnforce(functions.role(ResponseFunction.RECONCILE));
        notifications.grantNotify(functions.role(ResponseFunction.RECONCILE));
    }

    private void outputs() {
        CfnOutput.Builder.create(this, "BlocklistTableName").value(blocklist.tableName()).build();
        CfnOutput.Builder.create(this, "NotificationTopicArn").value(notifications.topic().getTopicArn()).build();
        enforcementPoints.ruleGroup().ifPresent(group -> CfnOutput.Builder.create(this, "RuleGroupArn")
                .description("Add this stateless rule group to your firewall policy (docs/response-stack.md)")
                .value(group.getAttrRuleGroupArn()).build());
        enforcementPoints.ipv4Set().ifPresent(set -> CfnOutput.Builder.create(this, "WafIpv4SetArn")
                .description("Reference this IP set from a block rule of your web ACL")
                .value(set.getAttrArn()).build());
        enforcementPoints.ipv6Set().ifPresent(set -> CfnOutput.Builder.create(this, "WafIpv6SetArn")
                .description("Reference this IP set from a block rule of your web ACL")
                .value(set.getAttrArn()).build());
        CfnOutput.Builder.create(this, "FlowLogGroupName")
                .description("Send VPC flow logs here (cloud-watch-logs destination) for the kill switch")
                .value(killSwitch.logGroup().getLogGroupName()).build();
        CfnOutput.Builder.create(this, "RecordIpStateMachineArn")
                .value(recordIp.stateMachine().getStateMachineArn()).build();
    }

    public BlocklistTable blocklist() {
        return blocklist;
    }

    public EnforcementPoints enforcementPoints() {
        return enforcementPoints;
    }

    public Notifications notifications() {
        return notifications;
    }

    public ResponseFunctions functions() {
        return functions;
    }

    public RecordIpWorkflow recordIp() {
        return recordIp;
    }

    public PruneIpWorkflow pruneIp() {
        return pruneIp;
    }

    public ReconcileWorkflow reconcile() {
        return reconcile;
    }

    public FindingRules rules() {
        return rules;
    }

    /** The audit of deployed changes, unless the configuration disables it. */
    public java.util.Optional<AuditResponder> audit() {
        return audit;
    }

    public Queue deadLetters() {
        return deadLetters;
    }

    public QuarantinePlaybook quarantine() {
        return quarantine;
    }

    public FlowLogKillSwitch killSwitch() {
        return killSwitch;
    }
}
