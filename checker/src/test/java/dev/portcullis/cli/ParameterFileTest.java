package dev.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.portcullis.gate.ParameterValues;
import dev.portcullis.model.InputException;

/** Reading {@code --parameters} files in both AWS forms, and the errors for bad ones. */
class ParameterFileTest {

    private static Map<String, String> read(String fixture) {
        return ParameterValues.read(Path.of(CliRun.fixture(fixture)), fixture);
    }

    @Test
    void cloudFormationCliFormInFileOrder() {
        Map<String, String> values = read("parameters-cli.json");
        assertEquals(List.of("Env", "Subnets", "Size"), List.copyOf(values.keySet()));
        assertEquals("prod", values.get("Env"));
        assertEquals("subnet-1,subnet-2", values.get("Subnets"));
        assertEquals("3", values.get("Size"), "a JSON number is taken as its text, as the AWS CLI does");
        assertTrue(!values.containsKey("Kept"), "UsePreviousValue has no value we can know");
    }

    @Test
    void codePipelineTemplateConfigurationForm() {
        assertEquals(Map.of("Env", "staging", "Size", "2"), read("parameters-pipeline.json"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "parameters-malformed.json | 3 | malformed parameters file",
        "parameters-duplicate.json | 3 | parameter Env is given twice",
        "parameters-no-key.json    | 4 | ParameterKey"})
    void badFilesNameTheLine(String fixture, int line, String message) {
        InputException e = assertThrows(InputException.class, () -> read(fixture));
        assertEquals(fixture, e.file());
        assertEquals(line, e.line());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    static Stream<Arguments> badContent() {
        return Stream.of(
                Arguments.of("\"Env=prod\"", 1, "expected a list"),
                Arguments.of("[{\"ParameterKey\": \"Env\"}]", 1, "has no ParameterValue"),
                Arguments.of("[\"Env=prod\"]", 1, "expected {"),
                Arguments.of("{\"Parameters\": {\"A\": \"1\",\n \"A\": \"2\"}}", 2, "Duplicate field 'A'"),
                Arguments.of("{\"Parameters\": {\"A\": {\"nested\": 1}}}", 1, "malformed parameters file"),
                Arguments.of("{\"Tags\": {}}", 1, "\"Parameters\" object"),
                Arguments.of("[]\n[]", 2, "unexpected content"),
                Arguments.of("[{\"ParameterKey\": \"A\", \"ParameterValue\": \"1\"", 1, "malformed parameters file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void badContent(String content, int line, String message, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("p.json");
        Files.writeString(file, content);
        InputException e = assertThrows(InputException.class, () -> ParameterValues.read(file, "p.json"));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void emptyFileHasNoLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("empty.json");
        Files.writeString(file, "");
        InputException e = assertThrows(InputException.class, () -> ParameterValues.read(file, "empty.json"));
        assertNull(e.line());
    }

    @Test
    void missingFile(@TempDir Path dir) {
        InputException e = assertThrows(InputException.class,
                () -> ParameterValues.read(dir.resolve("gone.json"), "gone.json"));
        assertEquals("gone.json", e.file());
        assertEquals("parameters file not found", e.getMessage());
    }
}
