package dev.portcullis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

/** The published SARIF 2.1.0 schema (draft-04), which every SARIF log the tests produce must satisfy. */
public final class SarifSchema {

    private static Schema schema;

    private SarifSchema() {
    }

    /** Parses the log and fails the test with the schema's complaints if it is not valid SARIF 2.1.0. */
    public static JsonNode assertValid(String sarif) throws IOException {
        JsonNode log = new ObjectMapper().readTree(sarif);
        List<Error> errors = schema().validate(log);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList(), sarif);
        return log;
    }

    private static synchronized Schema schema() throws IOException {
        if (schema == null) {
            String shared = System.getProperty("portcullis.shared");
            assumeTrue(shared != null, "portcullis.shared is not set");
            Path file = Path.of(shared, "schemas", "sarif-schema-2.1.0.json");
            assumeTrue(Files.isRegularFile(file), file + " is absent");
            JsonNode node = new ObjectMapper().readTree(file.toFile());
            assertEquals("http://json-schema.org/draft-04/schema#", node.get("$schema").asText());
            SchemaRegistryConfig config = SchemaRegistryConfig.builder().locale(Locale.ENGLISH).build();
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
                    b -> b.schemaRegistryConfig(config));
            schema = registry.getSchema(node);
        }
        return schema;
    }
}
