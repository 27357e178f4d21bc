package dev.portcullis.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Rules about rules: the bundled catalog loads without a single error (schema-valid, id = file name, unique ids,
 * every named Java check exists, packs name only existing rules); every rule's fixture has both kinds of
 * annotation; every Java check is registered and used; the generated docs are current.
 */
class CatalogRulesTest {

    private static final String REGENERATE = "portcullis.regenerateDocs";

    private final Catalog catalog = TestCatalog.bundled();

    @Test
    void theBundledCatalogLoadsWithoutErrors() {
        assertEquals(List.of(), catalog.errors());
    }

    @Test
    void everyRuleFileIsNamedAfterItsIdAndIdsAreUnique() throws IOException {
        Map<String, List<String>> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(rulesSource())) {
            walk.filter(p -> p.getFileName().toString().endsWith(RuleLoader.RULE_SUFFIX)).forEach(p -> {
                String name = p.getFileName().toString();
                files.computeIfAbsent(name.substring(0, name.length() - RuleLoader.RULE_SUFFIX.length()),
                        k -> new ArrayList<>()).add(rulesSource().relativize(p).toString());
            });
        }
        files.forEach((id, paths) -> assertEquals(1, paths.size(), "rule file name used twice: " + paths));
        for (Rule rule : catalog.rules()) {
            assertTrue(rule.source().displayName().endsWith("/" + rule.id() + RuleLoader.RULE_SUFFIX),
                    rule.source().displayName());
        }
        assertEquals(files.keySet(), new TreeSet<>(catalog.rules().stream().map(Rule::id).toList()),
                "every rule file in rules/ is loaded");
    }

    @Test
    void everyRuleHasAFixtureWithACompliantAndANonCompliantCase() {
        List<String> problems = new ArrayList<>();
        for (Rule rule : catalog.rules()) {
            String fixture = rule.source().fixtureText().orElse(null);
            if (fixture == null) {
                problems.add(rule.id() + ": no fixture");
                continue;
            }
            FixtureAnnotations a = FixtureAnnotations.of(fixture);
            if (a.of(FixtureAnnotations.Kind.RULEID, rule.id()).isEmpty()) {
                problems.add(rule.id() + ": no '# ruleid:' annotation");
            }
            if (a.of(FixtureAnnotations.Kind.OK, rule.id()).isEmpty()) {
                problems.add(rule.id() + ": no '# ok:' annotation");
            }
            for (FixtureAnnotations.Annotation other : a.all()) {
                if (!other.ruleId().equals(rule.id())) {
                    problems.add(rule.id() + ": line " + other.commentLine() + " annotates another rule, '"
                            + other.ruleId() + "'");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyRegisteredJavaCheckIsUsedByARule() {
        CheckRegistry registry = TestCatalog.registry();
        Set<String> used = new TreeSet<>();
        catalog.rules().forEach(r -> {
            if (r.checkName() != null) {
                used.add(r.checkName());
            }
        });
        Set<String> unused = new TreeSet<>(registry.names());
        unused.removeAll(used);
        assertEquals(Set.of(), unused, "registered Java checks no rule names");
    }

    @Test
    void everyJavaCheckClassIsRegistered() {
        CheckRegistry registry = TestCatalog.registry();
        Map<String, String> registered = new HashMap<>();
        for (String name : registry.names()) {
            registered.put(registry.find(name).orElseThrow().getClass().getName(), name);
        }
        Set<String> unregistered = new TreeSet<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.portcullis.checks")) {
            if (c.isAssignableTo(RuleCheck.class) && !c.isInterface()
                    && !c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT)
                    && !registered.containsKey(c.getName())) {
                unregistered.add(c.getName());
            }
        }
        assertEquals(Set.of(), unregistered, "RuleCheck classes missing from gate.Checks.RULE_CHECKS");
    }

    @Test
    void theBundledPacksExistAndSelectRules() {
        for (String name : List.of("default", "fsbp", "cis-aws")) {
            Pack pack = catalog.pack(name).orElseThrow(() -> new AssertionError("no pack " + name));
            assertTrue(!pack.select(catalog.rules()).isEmpty(), "pack " + name + " selects no rule");
        }
        assertEquals(catalog.rules().size(), catalog.pack("default").orElseThrow().select(catalog.rules()).size(),
                "the default pack runs every rule");
    }

    @Test
    void theGeneratedDocsAreCurrent() throws IOException {
        Path docs = root().resolve("docs/rules");
        Map<String, String> expected = RuleDocs.render(catalog.rules(), "../../rules");
        if (Boolean.getBoolean(REGENERATE)) {
            write(docs, expected);
        }
        Map<String, String> actual = new TreeMap<>();
        if (Files.isDirectory(docs)) {
            try (Stream<Path> walk = Files.walk(docs)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    actual.put(docs.relativize(p).toString().replace('\\', '/'), Files.readString(p));
                }
            }
        }
        List<String> stale = new ArrayList<>();
        expected.forEach((path, text) -> {
            if (!text.equals(actual.get(path))) {
                stale.add((actual.containsKey(path) ? "stale: " : "missing: ") + path);
            }
        });
        actual.keySet().stream().filter(p -> !expected.containsKey(p)).forEach(p -> stale.add("no longer generated: " + p));
        assertEquals(List.of(), stale, "docs/rules is out of date; regenerate with "
                + "mvn -pl checker test -Dtest=CatalogRulesTest -D" + REGENERATE + "=true");
    }

    private static void write(Path docs, Map<String, String> pages) throws IOException {
        if (Files.isDirectory(docs)) {
            try (Stream<Path> walk = Files.walk(docs)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    String rel = docs.relativize(p).toString().replace('\\', '/');
                    if (!pages.containsKey(rel)) {
                        Files.delete(p);
                    }
                }
            }
        }
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Path file = docs.resolve(page.getKey());
            Files.createDirectories(file.getParent());
            if (!Files.exists(file) || !Files.readString(file).equals(page.getValue())) {
                Files.writeString(file, page.getValue());
            }
        }
    }

    private static Path root() {
        return Path.of(System.getProperty("portcullis.root", "."));
    }

    private static Path rulesSource() {
        return root().resolve("rules");
    }
}
