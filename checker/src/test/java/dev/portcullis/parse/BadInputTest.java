package dev.portcullis.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import dev.portcullis.model.InputException;

/**
 * Every kind of bad input ends in an {@link InputException} that names the file, gives the line when there
 * is one, and says what is wrong. Small cases live in {@code fixtures/bad-input/}; huge ones are generated.
 */
class BadInputTest {

    private final TemplateParser parser = new TemplateParser();

    @Test
    void duplicateKeysNameBothLines() {
        assertFixture("duplicate-keys.yaml", 9, "duplicate key 'BucketName' (first at line 6, again at line 9)");
        assertFixture("duplicate-keys.json", 7, "duplicate key 'Key' (first at line 7, again at line 7)");
    }

    @Test
    void unknownTag() {
        assertFixture("unknown-tag.yaml", 5, "unknown tag !Foo");
    }

    @Test
    void topLevelList() {
        assertFixture("top-level-list.json", 1, "top-level value is a list, expected a mapping");
    }

    @Test
    void truncatedJson() {
        assertFixture("truncated.json", 6, "invalid JSON: Unexpected end-of-input");
    }

    @Test
    void invalidJson() {
        assertFixture("invalid-json.json", 5, "invalid JSON: Unexpected character");
    }

    @Test
    void invalidYaml() {
        assertFixture("invalid-yaml.yaml", 7, "invalid YAML: found unexpected end of stream");
    }

    @Test
    void emptyWhitespaceAndCommentOnlyFiles() {
        assertFixture("empty.yaml", null, "file is empty");
        assertFixture("whitespace-only.yaml", null, "file is empty");
        assertFixture("comments-only.yaml", null, "file is empty (it holds only comments)");
    }

    @Test
    void missingResources() {
        assertFixture("no-resources.yaml", 1, "no Resources section");
    }

    @Test
    void resourcesNotAMapping() {
        assertFixture("resources-not-mapping.yaml", 3, "Resources must be a mapping, found a list");
    }

    @Test
    void resourceNotAMapping() {
        assertFixture("resource-not-mapping.yaml", 2, "resource 'Bucket' must be a mapping, found a string");
    }

    @Test
    void resourceWithoutType() {
        assertFixture("resource-without-type.yaml", 4, "resource 'Bucket' has no Type");
    }

    @Test
    void resourceTypeNotAString() {
        assertFixture("resource-type-not-string.yaml", 6, "resource 'Bucket' has a Type that is not a resource type name");
    }

    @Test
    void parametersNotAMapping() {
        assertFixture("parameters-not-mapping.yaml", 2, "Parameters must be a mapping, found a list");
    }

    @Test
    void invalidUtf8() {
        assertFixture("non-utf8.yaml", 5, "not valid UTF-8 (bad byte 0xE9 at offset 84)");
    }

    @Test
    void binaryContent() {
        assertFixture("binary.json", 3, "binary content (NUL byte at offset 58)");
    }

    @Test
    void utf16IsRejectedAsBinary() {
        byte[] utf16 = "{\"Resources\": {}}".getBytes(StandardCharsets.UTF_16LE);
        assertFails(() -> parser.parse("utf16.json", utf16), "utf16.json", 1, "binary content");
    }

    @Test
    void byteOrderMarkIsAccepted() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n".getBytes(StandardCharsets.UTF_8);
        byte[] content = Arrays.copyOf(bom, bom.length + text.length);
        System.arraycopy(text, 0, content, bom.length, text.length);
        assertEquals(2, parser.parse("bom.yaml", content).resources().get("Bucket").keySpan().line());
    }

    @Test
    void billionLaughsIsStopped() {
        assertFixture("billion-laughs.yaml", 7, "more than 1000000 nodes once aliases are expanded");
    }

    @Test
    void flatListsOfMillionsOfNodesAreStopped() {
        String items = "1,".repeat(1_500_000);
        String json = "{\"Resources\": {\"R\": {\"Type\": \"X\", \"Properties\": {\"A\": [" + items + "1]}}}}";
        assertFails(() -> parser.parse("flat.json", json.getBytes(StandardCharsets.US_ASCII)), "flat.json", 1,
                "more than 1000000 nodes");
        String yaml = "Resources: {R: {Type: X, Properties: {A: [" + items + "1]}}}";
        assertFails(() -> parser.parse("flat.yaml", yaml.getBytes(StandardCharsets.US_ASCII)), "flat.yaml", 1,
                "more than 1000000 nodes once aliases are expanded");
    }

    @Test
    void hugeNumbers() {
        String digits = "9".repeat(1_000_000);
        assertFails(() -> parser.parse("number.json", ("{\"Resources\": " + digits + "}").getBytes(StandardCharsets.US_ASCII)),
                "number.json", 1, "invalid JSON: Number value length");
        // YAML keeps over-long digit strings as text (and Resources as a string is then the error).
        assertFails(() -> parser.parse("number.yaml", ("Resources: " + digits).getBytes(StandardCharsets.US_ASCII)),
                "number.yaml", 1, "Resources must be a mapping, found a string");
    }

    @Test
    void undefinedAlias() {
        assertFixture("undefined-alias.yaml", 5, "alias *missing refers to no anchor defined before it");
    }

    @Test
    void secondYamlDocument() {
        assertFixture("two-documents.yaml", 4, "expected one YAML document, found a second one");
    }

    @Test
    void rainDirectiveInJson() {
        assertFixture("rain-directive.json", 7, "'Rain::Embed' is a Rain directive");
    }

    @Test
    void deeplyNestedJsonArrays(@TempDir Path temp) throws IOException {
        Path file = write(temp, "deep.json", "[".repeat(100_000) + "]".repeat(100_000));
        assertFails(() -> parser.parse(file, "deep.json"), "deep.json", 1, "nested deeper than 1000 levels");
    }

    @Test
    void deeplyNestedJsonObjects(@TempDir Path temp) throws IOException {
        Path file = write(temp, "deep.json", "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000));
        assertFails(() -> parser.parse(file, "deep.json"), "deep.json", 1, "nested deeper than 1000 levels");
    }

    @Test
    void deeplyNestedYamlFlowMappings(@TempDir Path temp) throws IOException {
        Path file = write(temp, "deep.yaml", "a: " + "{a: ".repeat(100_000) + "1" + "}".repeat(100_000));
        assertFails(() -> parser.parse(file, "deep.yaml"), "deep.yaml", 1, "nested deeper than 1000 levels");
    }

    @Test
    void deeplyNestedYamlFlowSequencesWithoutEnd(@TempDir Path temp) throws IOException {
        Path file = write(temp, "deep.yaml", "[".repeat(100_000));
        assertFails(() -> parser.parse(file, "deep.yaml"), "deep.yaml", 1, "nested deeper than 1000 levels");
    }

    @Test
    void deeplyNestedYamlBlockSequences(@TempDir Path temp) throws IOException {
        Path file = write(temp, "deep.yaml", "- ".repeat(100_000) + "x\n");
        assertFails(() -> parser.parse(file, "deep.yaml"), "deep.yaml", 1, "nested deeper than 1000 levels");
    }

    @Test
    void deeplyNestedYamlBlockMappings(@TempDir Path temp) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int depth = 0; depth < 1_500; depth++) {
            text.append(" ".repeat(depth)).append("a:\n");
        }
        Path file = write(temp, "deep.yaml", text.toString());
        assertFails(() -> parser.parse(file, "deep.yaml"), "deep.yaml", 1001, "nested deeper than 1000 levels");
    }

    @Test
    void nestingJustUnderTheLimitIsAccepted(@TempDir Path temp) throws IOException {
        // The top level, Resources, the resource and Properties are 4 mappings above the lists.
        int lists = TemplateParser.MAX_DEPTH - 4;
        String yaml = "Resources:\n  R:\n    Type: X\n    Properties:\n      P: "
                + "[".repeat(lists) + "]".repeat(lists) + "\n";
        Path file = write(temp, "deep.yaml", yaml);
        assertEquals(1, parser.parse(file, "deep.yaml").resources().size());
        assertFails(() -> parser.parse("deeper.yaml", yaml.replace("P: [", "P: [[").replace("]\n", "]]\n")
                .getBytes(StandardCharsets.UTF_8)), "deeper.yaml", 5, "nested deeper than 1000 levels");
    }

    @Test
    void aliasesCannotNestPastTheLimit() {
        String yaml = "a: &a " + "[".repeat(600) + "]".repeat(600) + "\n"
                + "b: &b " + "[".repeat(600) + "*a" + "]".repeat(600) + "\n";
        assertFails(() -> parser.parse("alias.yaml", yaml.getBytes(StandardCharsets.UTF_8)), "alias.yaml", 2,
                "nested deeper than 1000 levels (through an alias)");
    }

    @Test
    void oversizeFileIsRejectedBeforeReading(@TempDir Path temp) throws IOException {
        Path file = temp.resolve("huge.yaml");
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] line = "# padding padding padding padding padding padding padding padding\n"
                    .getBytes(StandardCharsets.US_ASCII);
            for (long written = 0; written <= TemplateParser.MAX_BYTES; written += line.length) {
                out.write(line);
            }
        }
        long size = Files.size(file);
        assertFails(() -> parser.parse(file, "huge.yaml"), "huge.yaml", null,
                "file is " + size + " bytes, over the limit of " + TemplateParser.MAX_BYTES + " bytes");
    }

    @Test
    void oversizeContentIsRejected() {
        byte[] content = new byte[(int) TemplateParser.MAX_BYTES + 1];
        Arrays.fill(content, (byte) ' ');
        assertFails(() -> parser.parse("huge.json", content), "huge.json", null, "file is 16777217 bytes");
    }

    @Test
    void missingFile(@TempDir Path temp) {
        assertFails(() -> parser.parse(temp.resolve("nope.yaml"), "nope.yaml"), "nope.yaml", null, "file not found");
    }

    @Test
    void directoryGivenAsFile(@TempDir Path temp) {
        assertFails(() -> parser.parse(temp, "templates"), "templates", null, "is a directory, not a template file");
    }

    @Test
    void unreadableFile(@TempDir Path temp) throws IOException {
        Path file = write(temp, "secret.yaml", "Resources: {}\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(file), "running as a user who can read any file (root)");
        assertFails(() -> parser.parse(file, "secret.yaml"), "secret.yaml", null, "permission denied");
    }

    private void assertFixture(String name, Integer line, String messageStart) {
        Path file = TestData.badInput(name);
        assertTrue(Files.isRegularFile(file), "fixture " + file);
        assertFails(() -> parser.parse(file, name), name, line, messageStart);
    }

    private static void assertFails(Executable parse, String file, Integer line, String messageStart) {
        InputException e = assertThrows(InputException.class, parse);
        assertEquals(file, e.file());
        if (line == null) {
            assertNull(e.line(), e.getMessage());
        } else {
            assertEquals(line, e.line(), e.getMessage());
        }
        assertTrue(e.getMessage().startsWith(messageStart), () -> "message: " + e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), () -> "message is not one line: " + e.getMessage());
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
