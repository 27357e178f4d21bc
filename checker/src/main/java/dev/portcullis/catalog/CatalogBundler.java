package dev.portcullis.catalog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;


import dev.portcullis.model.InputError;

/**
 * Build step (run by Maven at {@code process-classes}): reads {@code rules/}, validates every rule and pack file
 * against its schema and compiles its assertions, and writes the {@link CatalogBundle} the product loads at
 * start-up. Problems do not fail the build: they go into the bundle, so the catalog reports them with file and
 * line (and the catalog tests fail) while every other rule still works.
 */
public final class CatalogBundler {

    /**
     * Java checks are registered above the catalog (in the gate) and unknown here; at bundle time a rule's
     * {@code check} is accepted as it stands and checked when the product loads the bundle.
     */
    private static final CheckRegistry ANY_CHECK = null;

    private CatalogBundler() {
    }

    /** {@code args}: the {@code rules/} directory and the bundle file to write. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: CatalogBundler RULES_DIR OUTPUT_FILE");
        }
        CatalogBundle bundle = bundle(Path.of(args[0]));
        bundle.write(Path.of(args[1]));
        if (!bundle.errors().isEmpty()) {
            System.err.println("rule catalog: " + bundle.errors().size() + " problem(s), e.g. "
                    + bundle.errors().get(0).oneLine());
        }
    }

    static CatalogBundle bundle(Path root) {
        DocumentSchema ruleSchema = DocumentSchema.load(root.resolve(Catalog.RULE_SCHEMA));
        DocumentSchema packSchema = DocumentSchema.load(root.resolve(Catalog.PACK_SCHEMA));
        List<CatalogBundle.RuleEntry> rules = new ArrayList<>();
        List<CatalogBundle.Entry> packs = new ArrayList<>();
        List<InputError> errors = new ArrayList<>();
        for (Path file : Catalog.ruleFiles(root)) {
            String rel = Catalog.relative(root, file);
            String display = Catalog.BUNDLED_PREFIX + rel;
            RuleLoader.Parsed parsed = RuleLoader.parse(RuleLoader.read(file, display), display, ruleSchema);
            errors.addAll(parsed.errors());
            if (parsed.document() != null) {
                // Compiled now too, so a bad path or regular expression is reported by the build, not first at
                // run time; a rule with such a problem stays out of the bundle (its error is in it instead).
                List<InputError> problems = new ArrayList<>();
                RuleLoader.Loaded compiled = new RuleLoader(ruleSchema, ANY_CHECK).compile(parsed.document(),
                        file.getFileName().toString(), RuleSource.ofFile(file, display, "", true));
                problems.addAll(compiled.errors());
                errors.addAll(problems);
                if (problems.isEmpty()) {
                    rules.add(CatalogBundle.RuleEntry.of(rel, bind(parsed.document()), parsed.document().lines()));
                }
            }
        }
        for (Path file : Catalog.packFiles(root)) {
            String rel = Catalog.relative(root, file);
            String display = Catalog.BUNDLED_PREFIX + rel;
            RuleLoader.Parsed parsed = RuleLoader.parse(RuleLoader.read(file, display), display, packSchema);
            errors.addAll(parsed.errors());
            if (parsed.document() != null) {
                packs.add(new CatalogBundle.Entry(rel, parsed.document().root(), parsed.document().lines()));
            }
        }
        return new CatalogBundle(rules, packs, errors);
    }

    private static RuleLoader.RuleDocument bind(YamlDocument doc) {
        try {
            return RuleLoader.bind(doc);
        } catch (IOException e) {
            throw new IllegalStateException("a schema-valid rule did not bind: " + e.getMessage(), e);
        }
    }
}
