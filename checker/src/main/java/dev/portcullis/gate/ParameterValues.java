package dev.portcullis.gate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import dev.portcullis.model.InputException;
import dev.portcullis.report.Json;

/**
 * Reads a parameter-values file as the AWS tools write it: the CloudFormation CLI form
 * {@code [{"ParameterKey": "K", "ParameterValue": "V"}, ...]} or the CodePipeline template configuration
 * form {@code {"Parameters": {"K": "V"}}}. Any problem is an {@link InputException} naming the file and,
 * where there is one, the line.
 */
public final class ParameterValues {

    /** Parameter files are small; anything bigger is not one. */
    static final long MAX_BYTES = 1024 * 1024;

    /** One element of the CLI form. Entries with {@code UsePreviousValue} carry no value we can know. */
    record CliEntry(
            @JsonProperty(value = "ParameterKey", required = true) String key,
            @JsonProperty("ParameterValue") String value,
            @JsonProperty("UsePreviousValue") Boolean usePreviousValue) {
    }

    /** The CodePipeline form; its {@code Tags} and {@code StackPolicy} do not matter to a check. */
    record TemplateConfiguration(@JsonProperty("Parameters") Map<String, String> parameters) {
    }

    private ParameterValues() {
    }

    /**
     * The values in {@code file}, in file order. {@code displayName} names the file in errors.
     * Parameters marked {@code UsePreviousValue} without a value are left out: their value is unknown.
     */
    public static Map<String, String> read(Path file, String displayName) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InputException(displayName, null, "parameters file is larger than 1 MB");
            }
            try (InputStream in = Files.newInputStream(file);
                 JsonParser parser = Json.MAPPER.createParser(in)) {
                Map<String, String> values = parse(parser, displayName);
                if (parser.nextToken() != null) {
                    throw new InputException(displayName, line(parser),
                            "unexpected content after the parameters");
                }
                return values;
            }
        } catch (NoSuchFileException e) {
            throw new InputException(displayName, null, "parameters file not found", e);
        } catch (JsonProcessingException e) {
            Integer line = e.getLocation() == null ? null : e.getLocation().getLineNr();
            throw new InputException(displayName, line != null && line > 0 ? line : null,
                    "malformed parameters file: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InputException(displayName, null, "cannot read parameters file: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> parse(JsonParser parser, String displayName) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == JsonToken.START_ARRAY) {
            return parseCliForm(parser, displayName);
        }
        if (first == JsonToken.START_OBJECT) {
            TemplateConfiguration config = Json.MAPPER.readValue(parser, TemplateConfiguration.class);
            if (config.parameters() == null) {
                throw new InputException(displayName, 1,
                        "expected a \"Parameters\" object or a list of {\"ParameterKey\", \"ParameterValue\"}");
            }
            Map<String, String> values = new LinkedHashMap<>();
            config.parameters().forEach((k, v) -> values.put(k, v == null ? "" : v));
            return values;
        }
        throw new InputException(displayName, first == null ? null : line(parser),
                "expected a list of {\"ParameterKey\", \"ParameterValue\"} or a \"Parameters\" object");
    }

    private static Map<String, String> parseCliForm(JsonParser parser, String displayName) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            int line = line(parser);
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new InputException(displayName, line,
                        "expected {\"ParameterKey\": ..., \"ParameterValue\": ...}");
            }
            CliEntry entry = Json.MAPPER.readValue(parser, CliEntry.class);
            if (entry.key() == null || entry.key().isBlank()) {
                throw new InputException(displayName, line, "ParameterKey is empty");
            }
            if (!seen.add(entry.key())) {
                throw new InputException(displayName, line, "parameter " + entry.key() + " is given twice");
            }
            if (entry.value() != null) {
                values.put(entry.key(), entry.value());
            } else if (!Boolean.TRUE.equals(entry.usePreviousValue())) {
                throw new InputException(displayName, line, "parameter " + entry.key() + " has no ParameterValue");
            }
        }
        return values;
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }
}
