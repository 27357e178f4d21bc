package dev.portcullis.response.lambda.localaws;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;

@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbLocalSmokeTest {
    @Test
    void createsATable(DynamoDbLocal local) {
        try (DynamoDbClient client = local.client()) {
            client.createTable(b -> b.tableName("smoke")
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            assertTrue(client.listTables().tableNames().contains("smoke"));
        }
    }
}
