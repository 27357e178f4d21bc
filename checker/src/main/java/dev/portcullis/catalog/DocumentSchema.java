package dev.portcullis.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;

import dev.portcullis.model.InputError;

/**
 * A JSON Schema for one kind of our YAML files ({@code rule.schema.json}, {@code pack.schema.json},
 * {@code portcullis-config.schema.json}), applied with networknt's validator; each violation becomes an error naming
 * the file and the line of the offending key.
 */
public final class DocumentSchema {

    private static final int MAX_ERRORS_PER_FILE = 10;

    private final Schema schema;

    private DocumentSchema(Schema schema) {
        this.schema = schema;
    }

    static DocumentSchema load(Path schemaFile) {
        try {
            return of(Files.readString(schemaFile), schemaFile.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the schema " + schemaFile + ": " + e.getMessage(), e);
        }
    }

    /** A schema of the bundled catalog ({@code rule.schema.json}, {@code pack.schema.json}) from the class path. */
    static DocumentSchema bundled(String name) {
        String resource = CatalogBundle.RESOURCE_DIR + name;
        try (InputStream in = DocumentSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the schema " + resource + " is missing from the class path");
            }
            return of(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the schema " + resource + ": " + e.getMessage(), e);
        }
    }

    private static DocumentSchema of(String json, String name) {
        try {
            return of(CatalogJson.MAPPER.readTree(json));
        } catch (IOException e) {
            throw new IllegalStateException("the schema " + name + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** A draft 2020-12 schema already read into a tree. */
    public static DocumentSchema of(JsonNode schema) {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().locale(Locale.ENGLISH)
                .errorMessageKeyword("errorMessage").build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(config));
        return new DocumentSchema(registry.getSchema(schema));
    }

    /** The violations of {@code document}, deepest first within a line, at most a handful per file. */
    public List<InputError> validate(YamlDocument document, String file) {
        List<Error> errors = schema.validate(document.root());
        if (errors.isEmpty()) {
            return List.of();
        }
        List<InputError> out = new ArrayList<>();
        errors.stream()
                .sorted(Comparator.comparingInt((Error e) -> document.line(at(e, document)))
                        .thenComparing(e -> -e.getInstanceLocation().getNameCount()))
                .map(e -> new InputError(file, document.line(at(e, document)), describe(e)))
                .distinct()
                .limit(MAX_ERRORS_PER_FILE)
                .forEach(out::add);
        return out;
    }

    /**
     * Where the error is: the offending key itself when the error names one that is there (an unknown
     * property), else the instance the schema rejected.
     */
    private static String at(Error e, YamlDocument document) {
        String pointer = pointer(e.getInstanceLocation());
        if (e.getProperty() != null) {
            String child = pointer + "/" + YamlDocument.escape(e.getProperty());
            if (document.lines().containsKey(child)) {
                return child;
            }
        }
        return pointer;
    }

    private static String describe(Error e) {
        String where = pointer(e.getInstanceLocation());
        String message = e.getMessage();
        // networknt prefixes messages with the instance location in its own notation; ours is clearer
        int colon = message.indexOf(": ");
        if (message.startsWith("$") && colon > 0) {
            message = message.substring(colon + 2);
        }
        return (where.isEmpty() ? "" : "at " + where.substring(1).replace('/', '.') + ": ") + message;
    }

    static String pointer(NodePath path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            out.append('/').append(element instanceof String s ? YamlDocument.escape(s) : String.valueOf(element));
        }
        return out.toString();
    }
}
