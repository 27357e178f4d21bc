package dev.portcullis.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.portcullis.model.InputError;

/**
 * The rules and packs Portcullis knows: those bundled with it plus those added from directories with
 * {@code --rules}. Loading never throws for bad content: every problem is an {@link InputError} naming the file
 * and line (the gate reports them and exits 3), and a file with problems is left out.
 */
public final class Catalog {

    public static final String DEFAULT_PACK = "default";
    static final String RULE_SCHEMA = "rule.schema.json";
    static final String PACK_SCHEMA = "pack.schema.json";
    static final String BUNDLED_PREFIX = "rules/";
    private static final String PACKS_DIR = "packs";

    private final List<Rule> rules;
    private final Map<String, Rule> byId;
    private final Map<String, Pack> packs;
    private final List<InputError> errors;
    private final CheckRegistry registry;
    /** Schemas for files read from directories; built only when such files are read (the validator is costly). */
    private final Supplier<Schemas> schemas;

    /** The rule and pack schemas. */
    private record Schemas(DocumentSchema rules, DocumentSchema packs) {
    }

    private Catalog(List<Rule> rules, Map<String, Pack> packs, List<InputError> errors, CheckRegistry registry,
                    Supplier<Schemas> schemas) {
        List<Rule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparing(Rule::id));
        this.rules = List.copyOf(sorted);
        Map<String, Rule> index = new LinkedHashMap<>();
        for (Rule r : this.rules) {
            index.put(r.id(), r);
        }
        this.byId = Collections.unmodifiableMap(index);
        this.packs = Collections.unmodifiableMap(new TreeMap<>(packs));
        this.errors = List.copyOf(errors);
        this.registry = registry;
        this.schemas = schemas;
    }

    /** The rules Portcullis ships with, from the bundle the build made of {@code rules/}. */
    public static Catalog bundled(CheckRegistry registry) {
        CatalogBundle bundle = CatalogBundle.bundled();
        Supplier<Schemas> schemas = memoize(() -> new Schemas(DocumentSchema.bundled(RULE_SCHEMA),
                DocumentSchema.bundled(PACK_SCHEMA)));
        RuleLoader loader = new RuleLoader(null, registry);
        List<Rule> rules = new ArrayList<>();
        Map<String, Pack> packs = new LinkedHashMap<>();
        List<InputError> errors = new ArrayList<>(bundle.errors());
        Map<String, String> seen = new LinkedHashMap<>();
        for (CatalogBundle.RuleEntry e : bundle.rules()) {
            String display = BUNDLED_PREFIX + e.path();
            RuleSource source = RuleSource.ofResource(CatalogBundle.RESOURCE_DIR + e.path(), display, service(e.path()));
            String fileName = e.path().substring(e.path().lastIndexOf('/') + 1);
            add(loader.compile(e.rule(), e.lineTable(), fileName, source), rules, seen, errors);
        }
        for (CatalogBundle.Entry e : bundle.packs()) {
            String fileName = e.path().substring(e.path().lastIndexOf('/') + 1);
            PackLoader.Loaded l = PackLoader.compile(e.yaml(), fileName, BUNDLED_PREFIX + e.path());
            addPack(l, packs, errors);
        }
        errors.addAll(unknownReferences(packs.values(), seen));
        return new Catalog(rules, packs, errors, registry, schemas);
    }

    /**
     * Loads a catalog directory laid out as {@code rules/} is ({@code <service>/<id>.rule.yaml},
     * {@code packs/<name>.yaml}, the schemas), validating every file against the directory's schemas.
     *
     * @param displayPrefix how file names start in messages, e.g. {@code rules}
     */
    public static Catalog load(Path root, String displayPrefix, CheckRegistry registry) {
        Supplier<Schemas> schemas = memoize(() -> new Schemas(DocumentSchema.load(root.resolve(RULE_SCHEMA)),
                DocumentSchema.load(root.resolve(PACK_SCHEMA))));
        return new Catalog(List.of(), Map.of(), List.of(), registry, schemas).with(root, displayPrefix, true);
    }

    /**
     * This catalog plus the rules (and packs) of users' directories, validated against the bundled schemas; a rule
     * id already present is an error.
     */
    public Catalog withUserRules(List<Path> dirs) {
        Catalog out = this;
        for (Path dir : dirs) {
            out = out.with(dir, dir.toString(), false);
        }
        return out;
    }

    private Catalog with(Path root, String displayPrefix, boolean bundled) {
        List<Rule> allRules = new ArrayList<>(rules);
        Map<String, Pack> allPacks = new LinkedHashMap<>(packs);
        List<InputError> allErrors = new ArrayList<>(errors);
        if (!Files.isDirectory(root)) {
            allErrors.add(new InputError(displayPrefix, null, "no such rules directory"));
            return new Catalog(allRules, allPacks, allErrors, registry, schemas);
        }
        Map<String, String> seen = new LinkedHashMap<>();
        for (Rule r : rules) {
            seen.put(r.id(), r.source().displayName());
        }
        List<Path> ruleFiles = ruleFiles(root);
        if (!bundled && ruleFiles.isEmpty()) {
            allErrors.add(new InputError(displayPrefix, null, "no *" + RuleLoader.RULE_SUFFIX + " files in the directory"));
        }
        String prefix = displayPrefix.endsWith("/") ? displayPrefix : displayPrefix + "/";
        RuleLoader loader = new RuleLoader(schemas.get().rules(), registry);
        List<RuleLoader.Loaded> loaded = ruleFiles.parallelStream()
                .map(f -> loader.load(f, prefix + relative(root, f), service(relative(root, f)), bundled))
                .toList();
        for (RuleLoader.Loaded l : loaded) {
            add(l, allRules, seen, allErrors);
        }
        Map<String, Pack> newPacks = new LinkedHashMap<>();
        PackLoader packLoader = new PackLoader(schemas.get().packs());
        for (Path f : packFiles(root)) {
            PackLoader.Loaded l = packLoader.load(f, prefix + relative(root, f));
            if (l.pack() != null && allPacks.containsKey(l.pack().name())) {
                allErrors.add(new InputError(l.pack().file(), null, "pack '" + l.pack().name() + "' is already defined"));
                continue;
            }
            addPack(l, newPacks, allErrors);
        }
        allPacks.putAll(newPacks);
        allErrors.addAll(unknownReferences(newPacks.values(), seen));
        return new Catalog(allRules, allPacks, allErrors, registry, schemas);
    }

    private static void add(RuleLoader.Loaded l, List<Rule> rules, Map<String, String> seen, List<InputError> errors) {
        errors.addAll(l.errors());
        if (l.rule() == null) {
            return;
        }
        String previous = seen.putIfAbsent(l.rule().id(), l.rule().source().displayName());
        if (previous != null) {
            errors.add(new InputError(l.rule().source().displayName(), null,
                    "rule id '" + l.rule().id() + "' is already defined in " + previous));
        } else {
            rules.add(l.rule());
        }
    }

    private static void addPack(PackLoader.Loaded l, Map<String, Pack> packs, List<InputError> errors) {
        errors.addAll(l.errors());
        if (l.pack() != null && packs.putIfAbsent(l.pack().name(), l.pack()) != null) {
            errors.add(new InputError(l.pack().file(), null, "pack '" + l.pack().name() + "' is already defined"));
        }
    }

    /** Packs may name only rules that exist. */
    private static List<InputError> unknownReferences(Iterable<Pack> packs, Map<String, String> ids) {
        List<InputError> out = new ArrayList<>();
        for (Pack p : packs) {
            p.ruleReferences().forEach((id, line) -> {
                if (!ids.containsKey(id)) {
                    out.add(new InputError(p.file(), line, "pack '" + p.name() + "' names rule '" + id
                            + "', which does not exist"));
                }
            });
        }
        return out;
    }

    static List<Path> ruleFiles(Path root) {
        return files(root, RuleLoader.RULE_SUFFIX);
    }

    /** {@code packs/*.yaml} directly in the packs folder. */
    static List<Path> packFiles(Path root) {
        Path dir = root.resolve(PACKS_DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        return files(dir, ".yaml").stream().filter(p -> dir.equals(p.getParent())).toList();
    }

    private static List<Path> files(Path root, String suffix) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName() != null && p.getFileName().toString().endsWith(suffix))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /** The path of {@code file} under {@code root}, with {@code /} separators. */
    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    /** The folder directly under the root, or {@code custom} for a rule file at the root itself. */
    private static String service(String relativePath) {
        int slash = relativePath.indexOf('/');
        return slash > 0 ? relativePath.substring(0, slash) : "custom";
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /** Every loaded rule, sorted by id. */
    public List<Rule> rules() {
        return rules;
    }

    public Optional<Rule> rule(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Map<String, Pack> packs() {
        return packs;
    }

    public Optional<Pack> pack(String name) {
        return Optional.ofNullable(packs.get(name));
    }

    /** Problems found while loading; the catalog is usable without the files they name. */
    public List<InputError> errors() {
        return errors;
    }
}
