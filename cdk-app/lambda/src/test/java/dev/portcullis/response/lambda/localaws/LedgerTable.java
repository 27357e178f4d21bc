package dev.portcullis.response.lambda.localaws;

import dev.portcullis.response.lambda.aws.DynamoDbResponseLedger;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Creates a fresh rate-limit table of the kill switch with the layout the stack deploys. */
public final class LedgerTable {
    private LedgerTable() {
    }

    public static String create(DynamoDbClient dynamo) {
        String name = "ledger-" + UUID.randomUUID();
        dynamo.createTable(b -> b.tableName(name)
                .attributeDefinitions(AttributeDefinition.builder().attributeName(DynamoDbResponseLedger.KEY)
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(DynamoDbResponseLedger.KEY).keyType(KeyType.HASH)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        return name;
    }
}
