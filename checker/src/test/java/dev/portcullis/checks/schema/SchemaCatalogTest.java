package dev.portcullis.checks.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The bundled catalog, read from the classpath exactly as the product reads it. */
class SchemaCatalogTest {

    private final SchemaCatalog catalog = SchemaCatalog.bundled();

    @Test
    void indexListsTheBundledTypesAndNothingElse() {
        assertTrue(catalog.typeNames().size() > 1000, "only " + catalog.typeNames().size() + " types bundled");
        assertTrue(catalog.isKnownType("AWS::S3::Bucket"));
        assertTrue(catalog.isKnownType("Alexa::ASK::Skill"));
        assertFalse(catalog.isKnownType("AWS::S3::Buckets"));
        assertFalse(catalog.isKnownType("AWS::Serverless::Function"));
    }

    @Test
    void aTypeIsReadOnceAndKept() {
        assertSame(catalog.schema("AWS::EC2::Instance").orElseThrow(),
                catalog.schema("AWS::EC2::Instance").orElseThrow());
        assertTrue(catalog.schema("AWS::No::Such").isEmpty());
    }

    @Test
    void everyBundledSchemaLoadsWithResolvableReferences() {
        List<String> problems = new ArrayList<>();
        for (String type : catalog.typeNames()) {
            ResourceSchema schema = catalog.schema(type).orElseThrow();
            if (!schema.typeName().equals(type)) {
                problems.add(type + " is stored as " + schema.typeName());
            }
            checkRefs(schema, schema.properties(), type, problems, 0);
            schema.definitions().values().forEach(d -> checkRefs(schema, d, type, problems, 0));
        }
        assertEquals(List.of(), problems);
    }

    private static void checkRefs(ResourceSchema schema, SchemaNode node, String type, List<String> problems,
                                  int depth) {
        if (depth > 3 || node == null) {
            return;
        }
        if (node.ref() != null && !schema.definitions().containsKey(node.ref())) {
            problems.add(type + " refers to missing definition " + node.ref());
        }
        node.properties().values().forEach(p -> checkRefs(schema, p, type, problems, depth + 1));
        checkRefs(schema, node.items(), type, problems, depth + 1);
    }

    @Test
    void schemaKeepsTheKeywordsValidationUses() {
        ResourceSchema bucket = catalog.schema("AWS::S3::Bucket").orElseThrow();
        assertTrue(bucket.properties().closed());
        assertTrue(bucket.properties().properties().containsKey("BucketEncryption"));
        assertFalse(bucket.properties().properties().containsKey("Arn"), "read-only Arn must not be settable");
        assertTrue(bucket.isReadOnly("/properties/Arn"));
        SchemaNode versioning = bucket.resolve(bucket.properties().properties().get("VersioningConfiguration"));
        assertEquals(List.of("Status"), versioning.required());
        assertEquals(List.of("Enabled", "Suspended"),
                bucket.resolve(versioning.properties().get("Status")).allowed());
    }
}
