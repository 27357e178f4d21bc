package dev.portcullis.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.portcullis.model.InputError;

/**
 * The bundled catalog in one file ({@code dev/portcullis/rules/catalog.json}), made at build time by
 * {@link CatalogBundler}: every rule and pack file already parsed and validated against its schema, kept as a tree
 * with its line table. Reading one JSON document at start-up costs a fraction of parsing a hundred YAML files and
 * building the schema validator, which a check would otherwise pay on every run.
 *
 * @param rules  schema-valid rule files by path relative to {@code rules/}, already bound
 * @param packs  schema-valid pack files by path relative to {@code rules/}
 * @param errors problems found while bundling (the catalog reports them like any load error)
 */
record CatalogBundle(List<RuleEntry> rules, List<Entry> packs, List<InputError> errors) {

    /**
     * Pointers whose lines a rule may still need at run time: the rest of a rule was compiled when the bundle was
     * made, but whether {@code check} names a registered Java check and {@code params} fit it is known only then.
     */
    private static final List<String> RUN_TIME_POINTERS = List.of("", "/check", "/params");

    /** One rule file: its path relative to {@code rules/}, the bound rule, and the lines run-time errors need. */
    record RuleEntry(String path, RuleLoader.RuleDocument rule, Map<String, Integer> lines) {
        static RuleEntry of(String path, RuleLoader.RuleDocument rule, Map<String, Integer> allLines) {
            Map<String, Integer> kept = new java.util.TreeMap<>();
            allLines.forEach((pointer, line) -> {
                for (String p : RUN_TIME_POINTERS) {
                    if (pointer.equals(p) || (!p.isEmpty() && pointer.startsWith(p + "/"))) {
                        kept.put(pointer, line);
                    }
                }
            });
            return new RuleEntry(path, rule, kept);
        }

        YamlDocument lineTable() {
            return new YamlDocument(null, lines);
        }
    }

    static final String RESOURCE_DIR = "/dev/portcullis/rules/";
    static final String RESOURCE = RESOURCE_DIR + "catalog.json";

    /** One file: its path relative to {@code rules/}, its tree, and the line of every JSON pointer in it. */
    record Entry(String path, JsonNode document, Map<String, Integer> lines) {
        YamlDocument yaml() {
            return new YamlDocument(document, lines);
        }
    }

    CatalogBundle {
        rules = List.copyOf(rules);
        packs = List.copyOf(packs);
        errors = List.copyOf(errors);
    }

    /** The bundle on the class path. */
    static CatalogBundle bundled() {
        try (InputStream in = CatalogBundle.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled rule catalog " + RESOURCE + " is missing from the class "
                        + "path; the build makes it (mvn -pl checker process-classes)");
            }
            return of(CatalogJson.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled rule catalog: " + e.getMessage(), e);
        }
    }

    /** Reads the bundle's tree by hand: Jackson's record binding costs more to set up than the reading itself. */
    private static CatalogBundle of(JsonNode root) {
        List<RuleEntry> rules = new java.util.ArrayList<>();
        for (JsonNode e : root.path("rules")) {
            rules.add(new RuleEntry(e.get("path").asText(), RuleLoader.RuleDocument.of(e.get("rule")), lines(e)));
        }
        List<Entry> packs = new java.util.ArrayList<>();
        for (JsonNode e : root.path("packs")) {
            packs.add(new Entry(e.get("path").asText(), e.get("document"), lines(e)));
        }
        List<InputError> errors = new java.util.ArrayList<>();
        for (JsonNode e : root.path("errors")) {
            JsonNode line = e.get("line");
            errors.add(new InputError(e.get("file").asText(), line == null || line.isNull() ? null : line.asInt(),
                    e.get("message").asText(), false));
        }
        return new CatalogBundle(rules, packs, errors);
    }

    private static Map<String, Integer> lines(JsonNode entry) {
        Map<String, Integer> out = new java.util.HashMap<>();
        for (var it = entry.path("lines").fields(); it.hasNext(); ) {
            var f = it.next();
            out.put(f.getKey(), f.getValue().asInt());
        }
        return out;
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, CatalogJson.MAPPER.writeValueAsBytes(this));
    }
}
