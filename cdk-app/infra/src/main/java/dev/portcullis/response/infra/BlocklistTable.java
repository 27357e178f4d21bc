package dev.portcullis.response.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/**
 * The blocklist: one item per (IP, enforcement point), so a duplicate finding is a failed conditional put rather than
 * a second block. The TTL attribute lets DynamoDB delete records long after their block expired; prune-ip removes
 * the blocks themselves on time, since TTL deletion may lag by days.
 */
public final class BlocklistTable extends Construct {

    /** Partition key: the blocked address (canonical text). */
    public static final String PARTITION_KEY = "ip";
    /** Sort key: the enforcement point (backend and target, e.g. a rule group or a NACL id). */
    public static final String SORT_KEY = "enforcementPoint";
    /** Epoch seconds after which DynamoDB may delete the record. */
    public static final String TTL_ATTRIBUTE = "ttl";

    private final Table table;

    public BlocklistTable(Construct scope, String id) {
        super(scope, id);
        this.table = Table.Builder.create(this, "Table")
                .partitionKey(Attribute.builder().name(PARTITION_KEY).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(SORT_KEY).type(AttributeType.STRING).build())
                .timeToLiveAttribute(TTL_ATTRIBUTE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .encryption(TableEncryption.AWS_MANAGED)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                // The blocklist is the record of what was blocked and why: it outlives the stack.
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    public Table table() {
        return table;
    }

    public String tableName() {
        return table.getTableName();
    }

    public void grantReadWrite(IGrantable grantee) {
        table.grantReadWriteData(grantee);
    }
}
