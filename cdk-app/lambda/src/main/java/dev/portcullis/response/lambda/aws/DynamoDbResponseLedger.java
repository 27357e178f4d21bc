package dev.portcullis.response.lambda.aws;

import dev.portcullis.response.port.ResponseLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The kill switch's rate limit in DynamoDB (partition key {@value #KEY}, TTL attribute {@value #TTL}): one item per
 * responded-to instance ({@code instance#i-...}, live until its window ends) and one counter per fixed window
 * ({@code window#<start millis>}). A claim writes both in one transaction, each conditional, so two concurrent
 * invocations can neither respond to the same instance twice nor together pass the limit.
 */
public final class DynamoDbResponseLedger implements ResponseLedger {

    public static final String KEY = "pk";
    public static final String TTL = "ttl";
    static final String UNTIL = "untilMillis";
    static final String COUNT = "responses";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbResponseLedger(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean claim(String instanceId, Instant now, Duration window, int maxPerWindow) {
        long nowMillis = now.toEpochMilli();
        long start = nowMillis - Math.floorMod(nowMillis, window.toMillis());
        long end = start + window.toMillis();
        long instanceUntil = nowMillis + window.toMillis();
        String ttl = Long.toString(Instant.ofEpochMilli(Math.max(end, instanceUntil)).plus(Duration.ofDays(1))
                .getEpochSecond());
        Put instance = Put.builder().tableName(table)
                .item(Map.of(KEY, AttributeValue.fromS("instance#" + instanceId),
                        UNTIL, AttributeValue.fromN(Long.toString(instanceUntil)),
                        TTL, AttributeValue.fromN(ttl)))
                .conditionExpression("attribute_not_exists(#key) OR #until <= :now")
                .expressionAttributeNames(Map.of("#key", KEY, "#until", UNTIL))
                .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(nowMillis))))
                .build();
        Update counter = Update.builder().tableName(table)
                .key(Map.of(KEY, AttributeValue.fromS("window#" + start)))
                .updateExpression("SET #count = if_not_exists(#count, :zero) + :one, #ttl = :ttl")
                .conditionExpression("attribute_not_exists(#count) OR #count < :max")
                .expressionAttributeNames(Map.of("#count", COUNT, "#ttl", TTL))
                .expressionAttributeValues(Map.of(":zero", AttributeValue.fromN("0"), ":one", AttributeValue.fromN("1"),
                        ":max", AttributeValue.fromN(Integer.toString(maxPerWindow)), ":ttl", AttributeValue.fromN(ttl)))
                .build();
        try {
            dynamo.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().put(instance).build(),
                    TransactWriteItem.builder().update(counter).build()));
            return true;
        } catch (TransactionCanceledException refused) {
            return false;
        }
    }
}
