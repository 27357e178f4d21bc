package dev.portcullis.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.portcullis.model.InputError;
import dev.portcullis.model.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packs select by id, framework, control pattern, service and severity; selections add users' rules. */
class PacksTest {

    @TempDir
    Path dir;

    private static String rule(String id, String severity, String controls) {
        return "id: " + id + "\ntitle: Rule " + id + "\nseverity: " + severity + "\nresourceTypes: [AWS::S3::Bucket]\n"
                + "assert: {exists: A}\nmessage: \"{resource}\"\nremediation: Fix.\nrationale: Why.\n"
                + "controls: " + controls + "\n";
    }

    private Catalog catalog(String... packs) throws IOException {
        for (String name : List.of(Catalog.RULE_SCHEMA, Catalog.PACK_SCHEMA)) {
            try (var in = getClass().getResourceAsStream(CatalogBundle.RESOURCE_DIR + name)) {
                Files.write(dir.resolve(name), in.readAllBytes());
            }
        }
        write("s3/fsbp-rule.rule.yaml", rule("fsbp-rule", "high", "[S3.8]"));
        write("s3/cis-rule.rule.yaml", rule("cis-rule", "low", "[\"CIS-AWS-1.4:2.1.5\"]"));
        write("iam/nist-rule.rule.yaml", rule("nist-rule", "medium", "[\"NIST-800-53:AC-6(10)\"]"));
        write("packs/default.yaml", "name: default\ntitle: Everything\nselect: [{all: true}]\n");
        for (int i = 0; i < packs.length; i++) {
            write("packs/p" + i + ".yaml", "name: p" + i + "\ntitle: Pack " + i + "\n" + packs[i]);
        }
        return Catalog.load(dir, "cat", CheckRegistry.EMPTY);
    }

    private void write(String rel, String text) throws IOException {
        Path f = dir.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    private static List<String> ids(List<Rule> rules) {
        return rules.stream().map(Rule::id).toList();
    }

    @Test
    void selectorsPickRules() throws IOException {
        Catalog c = catalog(
                "select: [{framework: fsbp}]\n",
                "select: [{controls: \"CIS-AWS-.*\"}, {ids: [nist-rule]}]\n",
                "select: [{services: [s3]}]\nexclude: [cis-rule]\n",
                "select: [{minSeverity: medium}]\nseverity: {fsbp-rule: critical}\n");
        assertEquals(List.of(), c.errors());
        assertEquals(List.of("fsbp-rule"), ids(c.pack("p0").orElseThrow().select(c.rules())));
        assertEquals(List.of("cis-rule", "nist-rule"), ids(c.pack("p1").orElseThrow().select(c.rules())));
        assertEquals(List.of("fsbp-rule"), ids(c.pack("p2").orElseThrow().select(c.rules())));
        List<Rule> p3 = c.pack("p3").orElseThrow().select(c.rules());
        assertEquals(List.of("fsbp-rule", "nist-rule"), ids(p3));
        assertEquals(Severity.CRITICAL, p3.get(0).severity());
        assertEquals("iam", c.rule("nist-rule").orElseThrow().service());
    }

    @Test
    void aPackNamingAMissingRuleIsAnErrorAtThatLine() throws IOException {
        Catalog c = catalog("select:\n  - ids: [fsbp-rule, gone-rule]\n");
        InputError e = c.errors().get(0);
        assertEquals("cat/packs/p0.yaml", e.file());
        assertEquals(4, e.line());
        assertTrue(e.message().contains("gone-rule"), e.message());
    }

    @Test
    void selectionEnablesDisablesAndRejectsUnknownNames() throws IOException {
        Catalog c = catalog("select: [{framework: fsbp}]\n");
        assertEquals(List.of("fsbp-rule", "nist-rule"),
                ids(new Selection("p0", List.of("nist-rule"), List.of()).apply(c)));
        assertEquals(List.of("cis-rule", "nist-rule"),
                ids(new Selection("default", List.of(), List.of("fsbp-rule")).apply(c)));
        assertThrows(IllegalArgumentException.class, () -> new Selection("nope", List.of(), List.of()).apply(c));
        assertThrows(IllegalArgumentException.class, () -> new Selection("p0", List.of("nope"), List.of()).apply(c));
        assertThrows(IllegalArgumentException.class, () -> new Selection("p0", List.of(), List.of("nope")).apply(c));
    }

    @Test
    void usersRulesAlwaysRunAndCannotReuseAnId() throws IOException {
        Catalog base = catalog("select: [{ids: [fsbp-rule]}]\n");
        Path mine = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-mine").resolve("custom"));
        Files.writeString(mine.resolve("my-rule.rule.yaml"), rule("my-rule", "low", "[]"));
        Files.writeString(mine.resolve("fsbp-rule.rule.yaml"), rule("fsbp-rule", "low", "[]"));
        Catalog withMine = base.withUserRules(List.of(mine));
        assertEquals(1, withMine.errors().size());
        assertTrue(withMine.errors().get(0).message().contains("already defined"), withMine.errors().toString());
        assertEquals(List.of("fsbp-rule", "my-rule"), ids(new Selection("p0", List.of(), List.of()).apply(withMine)));
    }

    @Test
    void aMissingRulesDirectoryIsAnError() throws IOException {
        Catalog c = catalog().withUserRules(List.of(dir.resolve("absent")));
        assertTrue(c.errors().get(0).message().contains("no such rules directory"));
    }

    @Test
    void controlIdsAreToldApartByForm() {
        assertEquals(ControlFramework.FSBP, ControlFramework.of("EC2.19"));
        assertEquals(ControlFramework.CIS_AWS, ControlFramework.of("CIS-AWS-3.0:2.1.1"));
        assertEquals(ControlFramework.NIST_800_53, ControlFramework.of("NIST-800-53:SC-7(4)"));
        assertEquals(null, ControlFramework.of("CIS 4.1"));
        assertTrue(RuleDocs.compareControls("S3.9", "S3.10") < 0);
    }
}
