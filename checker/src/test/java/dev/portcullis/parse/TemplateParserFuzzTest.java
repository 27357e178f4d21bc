package dev.portcullis.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.portcullis.model.InputException;
import dev.portcullis.model.Template;

/**
 * Arbitrary bytes must either parse into a template or fail with an {@link InputException}; any other
 * exception or error is a bug. Under plain {@code mvn test} this replays the seeds in
 * {@code TemplateParserFuzzTestInputs/}; with {@code JAZZER_FUZZ=1} it fuzzes.
 */
class TemplateParserFuzzTest {

    private static final TemplateParser PARSER = new TemplateParser();

    @FuzzTest(maxDuration = "2m")
    void yaml(byte[] input) {
        parseOrReject("fuzz.yaml", input);
    }

    @FuzzTest(maxDuration = "2m")
    void json(byte[] input) {
        parseOrReject("fuzz.json", input);
    }

    private static void parseOrReject(String name, byte[] input) {
        Template template;
        try {
            template = PARSER.parse(name, input);
        } catch (InputException e) {
            assertEquals(name, e.file());
            assertNotNull(e.getMessage());
            assertFalse(e.getMessage().isBlank() || e.getMessage().contains("\n"), e.getMessage());
            return;
        }
        // What parsed must be usable: walking the whole tree neither fails nor explodes.
        assertNotNull(template.root().toPlain());
    }
}
