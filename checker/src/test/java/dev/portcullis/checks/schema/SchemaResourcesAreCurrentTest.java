package dev.portcullis.checks.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed compact schemas must be exactly what {@link SchemaCompactor} makes of the shared source
 * schemas, so the bundled data can never drift from its source or from the compaction rules.
 */
class SchemaResourcesAreCurrentTest {

    @TempDir
    Path temp;

    @Test
    void committedSchemasEqualAFreshGeneration() throws IOException {
        String shared = System.getProperty("portcullis.shared");
        Path source = shared == null ? null : Path.of(shared, "cfn-schemas", "us-east-1");
        assumeTrue(source != null && Files.isDirectory(source),
                "skipped: the source schemas (../shared/cfn-schemas/us-east-1) are not present");
        String root = System.getProperty("portcullis.root");
        assumeTrue(root != null, "skipped: portcullis.root is not set, so the committed files cannot be found");
        Path committed = Path.of(root, "checker", "src", "main", "resources", "dev", "portcullis", "schemas");

        SchemaCompactor.write(SchemaCompactor.compactAll(source), temp);

        TreeSet<String> committedNames = names(committed);
        assertEquals(names(temp), committedNames,
                "the committed schema files differ from a fresh generation; " + regenerate());
        List<String> stale = new ArrayList<>();
        for (String name : committedNames) {
            String expected = Files.readString(temp.resolve(name), StandardCharsets.UTF_8);
            if (!expected.equals(Files.readString(committed.resolve(name), StandardCharsets.UTF_8))) {
                stale.add(name);
            }
        }
        if (!stale.isEmpty()) {
            fail(stale.size() + " committed schema files are stale, e.g. " + stale.subList(0, Math.min(5, stale.size()))
                    + "; " + regenerate());
        }
    }

    private static TreeSet<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String regenerate() {
        return "regenerate with dev.portcullis.checks.schema.SchemaCompactor ../shared/cfn-schemas/us-east-1"
                + " checker/src/main/resources/dev/portcullis/schemas";
    }
}
