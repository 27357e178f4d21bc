package dev.portcullis.response.lambda.localaws;

import dev.portcullis.response.lambda.aws.DynamoDbBlocklist;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Creates a fresh blocklist table with the layout the stack deploys, so tests never share state. */
public final class BlocklistTable {
    private BlocklistTable() {
    }

    public static String create(DynamoDbClient dynamo) {
        String name = "blocklist-" + UUID.randomUUID();
        dynamo.createTable(b -> b.tableName(name)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(DynamoDbBlocklist.IP).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(DynamoDbBlocklist.ENFORCEMENT_POINT).attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName(DynamoDbBlocklist.IP).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(DynamoDbBlocklist.ENFORCEMENT_POINT).keyType(KeyType.RANGE).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        dynamo.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(t -> t.enabled(true).attributeName(DynamoDbBlocklist.TTL)));
        return name;
    }
}
