package dev.portcullis.checks.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The CloudFormation resource schemas shipped inside the product. The type index is read once; a type's
 * schema is read the first time a template uses that type and then kept for the life of the JVM, so a run
 * only pays for the types its templates contain.
 */
public final class SchemaCatalog {

    private static final class Bundled {
        static final SchemaCatalog INSTANCE = new SchemaCatalog(
                file -> SchemaCatalog.class.getClassLoader().getResourceAsStream(CompactSchemaFormat.RESOURCE_ROOT + file));
    }

    private final Function<String, InputStream> opener;
    private final SortedSet<String> typeNames;
    private final ConcurrentMap<String, ResourceSchema> loaded = new ConcurrentHashMap<>();

    /** {@code opener} opens a file of the compact layout by name, returning null when it does not exist. */
    SchemaCatalog(Function<String, InputStream> opener) {
        this.opener = opener;
        this.typeNames = Collections.unmodifiableSortedSet(readIndex());
    }

    /** The schemas bundled with Portcullis. */
    public static SchemaCatalog bundled() {
        return Bundled.INSTANCE;
    }

    public boolean isKnownType(String typeName) {
        return typeNames.contains(typeName);
    }

    /** Every type name with a schema, sorted. */
    public SortedSet<String> typeNames() {
        return typeNames;
    }

    /** The schema of {@code typeName}, or empty when the type is not in the catalog. */
    public Optional<ResourceSchema> schema(String typeName) {
        if (!isKnownType(typeName)) {
            return Optional.empty();
        }
        return Optional.of(loaded.computeIfAbsent(typeName, this::load));
    }

    private ResourceSchema load(String typeName) {
        String file = CompactSchemaFormat.fileName(typeName);
        try (InputStream in = open(file)) {
            return CompactSchemaFormat.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("bundled schema " + file + " is unreadable", e);
        }
    }

    private SortedSet<String> readIndex() {
        SortedSet<String> names = new TreeSet<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(open(CompactSchemaFormat.INDEX_FILE), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    names.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("bundled schema index is unreadable", e);
        }
        return names;
    }

    /** A missing bundled file is a packaging defect, not bad input, so it fails loudly. */
    private InputStream open(String file) {
        InputStream in = opener.apply(file);
        if (in == null) {
            throw new IllegalStateException("bundled schema file missing: " + CompactSchemaFormat.RESOURCE_ROOT + file);
        }
        return in;
    }
}
