package dev.portcullis.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.portcullis.model.InputError;
import dev.portcullis.model.Severity;
import dev.portcullis.report.Json;
import dev.portcullis.report.ReportFormat;

/** Finding and reading .portcullis.yaml and the waiver file; every bad input an error naming file and line. */
class ConfigReaderTest {

    @TempDir
    Path dir;

    private Path write(Path base, String name, String content) throws IOException {
        Path file = base.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private List<InputError> errors(String yaml) throws IOException {
        Path file = write(dir, "bad.yaml", yaml);
        return assertThrows(ConfigException.class, () -> ConfigReader.read(file, "bad.yaml")).errors();
    }

    @Test
    void everySettingIsRead() throws IOException {
        Path file = write(dir, "repo/.portcullis.yaml", """
                version: 1
                pack: fsbp
                rules: [my-rules]
                enable: [s3-bucket-access-logging]
                disable: [s3-bucket-versioning]
                severity: {s3-bucket-kms-encryption: low}
                fail-on: high
                parameters:
                  - templates: "prod/**"
                    values: {Stage: prod, Count: 3}
                format: json
                output: [sarif=results.sarif, text=-]
                suppressions: {inline: {forbid: {rules: [iam-policy-no-wildcard-actions], severities: [critical]}}}
                waivers:
                  - rule: s3-bucket-versioning
                    path: legacy/*.yaml
                    resource: OldBucket
                    reason: Replaced in Q1
                    owner: storage-team
                    expires: 2027-03-31
                """);
        ProjectConfig c = ConfigReader.read(file, ".portcullis.yaml");
        Path repo = dir.resolve("repo").toAbsolutePath().normalize();
        assertEquals(repo, c.directory());
        assertEquals("fsbp", c.pack());
        assertEquals(List.of(repo.resolve("my-rules").toString()), c.rulesDirs());
        assertEquals(List.of("s3-bucket-access-logging"), c.enable());
        assertEquals(List.of("s3-bucket-versioning"), c.disable());
        assertEquals(Map.of("s3-bucket-kms-encryption", Severity.LOW), c.severities());
        assertEquals(Severity.HIGH, c.failOn());
        assertEquals(Map.of("Stage", "prod", "Count", "3"), c.parameters().get(0).values());
        assertEquals("json", c.format());
        assertEquals(List.of("sarif=results.sarif", "text=-"), c.outputs());
        assertEquals(new InlinePolicy(Set.of("iam-policy-no-wildcard-actions"), Set.of(Severity.CRITICAL)), c.inline());
        Waiver w = c.waivers().get(0);
        assertEquals("s3-bucket-versioning", w.rule());
        assertEquals("legacy/*.yaml", w.path().toString());
        assertEquals("OldBucket", w.resource());
        assertEquals("storage-team", w.owner());
        assertEquals(LocalDate.of(2027, 3, 31), w.expires());
        assertEquals(".portcullis.yaml:15", w.source());
        assertEquals(List.of(
                        new RuleReference("s3-bucket-access-logging", ".portcullis.yaml", 4),
                        new RuleReference("s3-bucket-versioning", ".portcullis.yaml", 5),
                        new RuleReference("s3-bucket-kms-encryption", ".portcullis.yaml", 6),
                        new RuleReference("iam-policy-no-wildcard-actions", ".portcullis.yaml", 13),
                        new RuleReference("s3-bucket-versioning", ".portcullis.yaml", 15)),
                c.references());
    }

    @Test
    void discoveryWalksUpToTheConfigurationAndReadsTheWaiverFileBesideIt() throws IOException {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve(".git"));
        write(repo, ".portcullis.yaml", "fail-on: low\n");
        write(repo, ".portcullis/waivers.yaml", """
                waivers:
                  - {rule: s3-bucket-versioning, path: "**", reason: Caches}
                """);
        Path nested = Files.createDirectories(repo.resolve("infra/stacks/app"));

        ProjectConfig c = ConfigReader.discover(nested).orElseThrow();
        assertEquals(Severity.LOW, c.failOn());
        assertEquals(repo.toAbsolutePath().normalize(), c.directory());
        assertEquals(repo.toAbsolutePath().normalize().resolve(".portcullis.yaml").toString(), c.file());
        assertEquals(1, c.waivers().size());
        assertEquals(Path.of(c.file()).resolveSibling(".portcullis/waivers.yaml") + ":2", c.waivers().get(0).source());

        ProjectConfig fromRoot = ConfigReader.discover(repo).orElseThrow();
        assertEquals(".portcullis.yaml", fromRoot.file(), "named relative to where the search started");
    }

    @Test
    void discoveryStopsAtTheRepositoryRoot() throws IOException {
        write(dir, ".portcullis.yaml", "fail-on: low\n"); // above the repository: not ours
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve(".git"));
        Path nested = Files.createDirectories(repo.resolve("infra"));
        assertEquals(Optional.empty(), ConfigReader.discover(nested));

        Path worktree = dir.resolve("worktree"); // a git worktree has a .git file, not a directory
        write(worktree, ".git", "gitdir: elsewhere\n");
        assertEquals(Optional.empty(), ConfigReader.discover(worktree));
    }

    @Test
    void aWaiverFileAloneIsEnough() throws IOException {
        Path repo = dir.resolve("repo");
        write(repo, ".portcullis/waivers.yaml", """
                version: 1
                waivers:
                  - {rule: s3-bucket-versioning, path: "*.yaml", reason: Caches, expires: 2026-12-01}
                """);
        ProjectConfig c = ConfigReader.discover(repo).orElseThrow();
        assertEquals(null, c.file());
        assertEquals(".portcullis/waivers.yaml:3", c.waivers().get(0).source());
        assertEquals(List.of(new RuleReference("s3-bucket-versioning", ".portcullis/waivers.yaml", 3)),
                c.references());
    }

    @Test
    void aFileOfCommentsIsAnEmptyConfiguration() throws IOException {
        Path file = write(dir, ".portcullis.yaml", "# fail-on: high\n\n   # nothing yet\n");
        ProjectConfig c = ConfigReader.read(file, ".portcullis.yaml");
        assertEquals(null, c.failOn());
        assertEquals(List.of(), c.waivers());
    }

    @Test
    void unknownKeyIsAnErrorNamingKeyAndLine() throws IOException {
        List<InputError> errors = errors("""
                pack: default
                fial-on: high
                """);
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("bad.yaml", errors.get(0).file());
        assertEquals(2, errors.get(0).line());
        assertTrue(errors.get(0).message().contains("'fial-on'"), errors.get(0).message());
    }

    @Test
    void wrongTypesAreErrorsAtTheirLines() throws IOException {
        List<InputError> errors = errors("""
                pack: default
                fail-on: severe
                enable: s3-bucket-versioning
                suppressions:
                  inline:
                    forbid:
                      severities: [high, urgent]
                """);
        assertEquals(List.of(2, 3, 7), errors.stream().map(InputError::line).toList(), errors.toString());
        assertTrue(errors.get(0).message().startsWith("at fail-on: "), errors.get(0).message());
        assertTrue(errors.get(1).message().startsWith("at enable: "), errors.get(1).message());
        assertTrue(errors.get(2).message().startsWith("at suppressions.inline.forbid.severities.1: "),
                errors.get(2).message());
    }

    @Test
    void badWaiversAreErrorsAtTheirLines() throws IOException {
        List<InputError> missing = errors("""
                waivers:
                  - rule: s3-bucket-versioning
                    path: "*.yaml"
                    reason: "   "
                  - rule: s3-bucket-versioning
                    reason: no path
                """);
        assertEquals(List.of(4, 5), missing.stream().map(InputError::line).toList(), missing.toString());
        assertTrue(missing.get(1).message().contains("'path'"), missing.get(1).message());

        List<InputError> values = errors("""
                waivers:
                  - rule: s3-bucket-versioning
                    path: "*.yaml"
                    reason: dates
                    expires: 2026-02-30
                  - rule: s3-bucket-versioning
                    path: "[a"
                    reason: globs
                """);
        assertEquals(List.of(5, 7), values.stream().map(InputError::line).toList(), values.toString());
        assertTrue(values.get(0).message().contains("'2026-02-30' is not a date"), values.get(0).message());
        assertTrue(values.get(1).message().contains("not a valid glob"), values.get(1).message());
    }

    @Test
    void malformedWaiverFileIsAnErrorNamingItsLine() throws IOException {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve(".git"));
        write(repo, ".portcullis.yaml", "fail-on: low\n");
        write(repo, ".portcullis/waivers.yaml", """
                waivers:
                  - rule: s3-bucket-versioning
                    path: "*.yaml"
                    reason: ok
                    expiry: 2026-01-01
                """);
        List<InputError> errors = assertThrows(ConfigException.class, () -> ConfigReader.discover(repo)).errors();
        assertEquals(List.of(new InputError(".portcullis/waivers.yaml", 5, errors.get(0).message())), errors);
        assertTrue(errors.get(0).message().contains("'expiry'"), errors.get(0).message());

        write(repo, ".portcullis/waivers.yaml", "waivers: [\n");
        InputError syntax = assertThrows(ConfigException.class, () -> ConfigReader.discover(repo)).errors().get(0);
        assertEquals(".portcullis/waivers.yaml", syntax.file());
        assertTrue(syntax.message().startsWith("not valid YAML"), syntax.message());

        write(repo, ".portcullis/waivers.yaml", "- rule: s3-bucket-versioning\n");
        InputError shape = assertThrows(ConfigException.class, () -> ConfigReader.discover(repo)).errors().get(0);
        assertEquals(1, shape.line());
    }

    @Test
    void malformedYamlAndMissingFilesAreErrors() throws IOException {
        List<InputError> duplicate = errors("fail-on: high\nfail-on: low\n");
        assertEquals(2, duplicate.get(0).line());
        assertTrue(duplicate.get(0).message().contains("duplicate key"), duplicate.get(0).message());

        Path binary = dir.resolve("binary.yaml");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 'a', ':', ' ', 'b'});
        assertEquals(List.of(new InputError("binary.yaml", null, "not UTF-8 text")),
                assertThrows(ConfigException.class, () -> ConfigReader.read(binary, "binary.yaml")).errors());
        assertEquals(List.of(new InputError("gone.yaml", null, "no such file")),
                assertThrows(ConfigException.class,
                        () -> ConfigReader.read(dir.resolve("gone.yaml"), "gone.yaml")).errors());
    }

    /** The schema lists formats and severities as words; they must be the ones the tool knows. */
    @Test
    void schemaEnumsMatchTheTool() throws IOException {
        JsonNode schema;
        try (InputStream in = ConfigReader.class.getResourceAsStream(ConfigReader.SCHEMA_RESOURCE)) {
            schema = Json.MAPPER.readTree(in);
        }
        List<String> formats = new ArrayList<>();
        schema.get("properties").get("format").get("enum").forEach(n -> formats.add(n.asText()));
        assertEquals(Arrays.stream(ReportFormat.values()).map(ReportFormat::label).toList(), formats);
        List<String> severities = new ArrayList<>();
        schema.get("$defs").get("severity").get("enum").forEach(n -> severities.add(n.asText()));
        assertEquals(Arrays.stream(Severity.values()).map(Severity::label).toList(), severities);
    }
}
