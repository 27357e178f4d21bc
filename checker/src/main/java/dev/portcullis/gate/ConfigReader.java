package dev.portcullis.gate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.portcullis.catalog.DocumentSchema;
import dev.portcullis.catalog.YamlDocument;
import dev.portcullis.model.InputError;
import dev.portcullis.model.InputException;
import dev.portcullis.model.Severity;
import dev.portcullis.report.Json;

/**
 * Finds and reads a repository's {@code .portcullis.yaml} and {@code .portcullis/waivers.yaml}. Both are checked
 * against {@code portcullis-config.schema.json} (the waiver file against its {@code waiverFile} definition) before
 * anything is taken from them, so a misspelt key or a value of the wrong type is an error at its line, never a
 * setting silently ignored.
 */
public final class ConfigReader {

    public static final String CONFIG_FILE = ".portcullis.yaml";
    public static final String WAIVER_FILE = ".portcullis/waivers.yaml";
    static final String SCHEMA_RESOURCE = "/dev/portcullis/config/portcullis-config.schema.json";

    /** Configuration files are small; anything bigger is a mistake. */
    private static final long MAX_BYTES = 1024 * 1024;
    private static final Pattern COMMENTS_ONLY = Pattern.compile("(?s)(\\s*(#[^\\n]*)?\\n?)*");

    private static Schemas schemas;

    /** The schema for each of the two files. */
    private record Schemas(DocumentSchema config, DocumentSchema waivers) {
    }

    private ConfigReader() {
    }

    /**
     * The project settings that apply in {@code start}: walking up from it, the first directory with a
     * {@code .portcullis.yaml} or a {@code .portcullis/waivers.yaml}. The walk stops at the root of the repository
     * (a directory holding {@code .git}) and at the file system root, so a check inside one repository never picks
     * up settings from a directory above it. Empty when there are none.
     *
     * @throws ConfigException when a file is found but cannot be used
     */
    public static Optional<ProjectConfig> discover(Path start) {
        Path dir = start.toAbsolutePath().normalize();
        while (dir != null) {
            Path config = dir.resolve(CONFIG_FILE);
            Path waivers = dir.resolve(WAIVER_FILE);
            if (Files.isRegularFile(config)) {
                return Optional.of(read(config, display(start, config)));
            }
            if (Files.isRegularFile(waivers)) {
                return Optional.of(waiversOnly(dir, display(start, waivers)));
            }
            if (Files.exists(dir.resolve(".git"))) {
                return Optional.empty();
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    /**
     * Reads a configuration file and the waiver file next to it ({@code .portcullis/waivers.yaml} in the same
     * directory), if there is one.
     *
     * @param displayName how messages name the file
     * @throws ConfigException when either cannot be used
     */
    public static ProjectConfig read(Path file, String displayName) {
        Path directory = file.toAbsolutePath().normalize().getParent();
        YamlDocument document = parse(file, displayName);
        ConfigDocument doc = document == null ? ConfigDocument.EMPTY
                : bind(document, displayName, schemas().config(), ConfigDocument.class);
        List<InputError> errors = new ArrayList<>();
        List<RuleReference> references = new ArrayList<>();
        List<Waiver> waivers = new ArrayList<>();
        waivers.addAll(waivers(doc.waivers(), "/waivers", document, displayName, errors, references));
        Path waiverFile = directory.resolve(WAIVER_FILE);
        if (Files.isRegularFile(waiverFile)) {
            waivers.addAll(readWaiverFile(waiverFile, sibling(displayName, WAIVER_FILE), references));
        }
        ProjectConfig config = new ProjectConfig(displayName, directory, doc.pack(),
                list(doc.rules()).stream().map(d -> directory.resolve(d).normalize().toString()).toList(),
                list(doc.enable()), list(doc.disable()),
                severities(doc.severity()),
                doc.failOn() == null ? null : Severity.parse(doc.failOn()),
                parameters(doc.parameters(), document, displayName, errors),
                doc.format(), list(doc.output()),
                doc.baseline() == null ? null : sibling(displayName, doc.baseline()),
                inlinePolicy(doc.suppressions()),
                waivers,
                references(doc, document, displayName, references),
                doc.pack() == null ? null : document.line("/pack"));
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return config;
    }

    /** Settings from a waiver file alone, when the repository has no configuration file. */
    static ProjectConfig waiversOnly(Path directory, String waiverDisplayName) {
        List<RuleReference> references = new ArrayList<>();
        List<Waiver> waivers = readWaiverFile(directory.resolve(WAIVER_FILE), waiverDisplayName, references);
        return new ProjectConfig(null, directory, null, List.of(), List.of(), List.of(), Map.of(), null, List.of(),
                null, List.of(), null, InlinePolicy.ALLOW_ALL, waivers, references, null);
    }

    private static List<Waiver> readWaiverFile(Path file, String displayName, List<RuleReference> references) {
        YamlDocument document = parse(file, displayName);
        if (document == null) {
            return List.of(); // a waiver file with every entry commented out waives nothing
        }
        WaiverFileDocument doc = bind(document, displayName, schemas().waivers(), WaiverFileDocument.class);
        List<InputError> errors = new ArrayList<>();
        List<Waiver> waivers = waivers(doc.waivers(), "/waivers", document, displayName, errors, references);
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return waivers;
    }

    /** The file as a tree with lines; null when it holds nothing but comments and blank lines. */
    private static YamlDocument parse(Path file, String displayName) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException(List.of(new InputError(displayName, null, "larger than 1 MB")));
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(new InputError(displayName, null, "no such file")));
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(new InputError(displayName, null, "not UTF-8 text")));
        } catch (IOException e) {
            throw new ConfigException(List.of(new InputError(displayName, null, "cannot read: " + e.getMessage())));
        }
        if (COMMENTS_ONLY.matcher(text).matches()) {
            return null;
        }
        try {
            return YamlDocument.parse(text, displayName);
        } catch (InputException e) {
            throw new ConfigException(List.of(e.toError()));
        }
    }

    private static <T> T bind(YamlDocument document, String displayName, DocumentSchema schema, Class<T> type) {
        List<InputError> errors = schema.validate(document, displayName);
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        try {
            return Json.MAPPER.treeToValue(document.root(), type);
        } catch (JsonProcessingException e) {
            // the schema admits only what binds; reaching here is a mismatch between schema and records
            throw new IllegalStateException(displayName + ": " + e.getOriginalMessage(), e);
        }
    }

    private static List<Waiver> waivers(List<WaiverEntry> entries, String pointer, YamlDocument document,
                                        String displayName, List<InputError> errors,
                                        List<RuleReference> references) {
        List<Waiver> out = new ArrayList<>();
        List<WaiverEntry> list = list(entries);
        for (int i = 0; i < list.size(); i++) {
            WaiverEntry e = list.get(i);
            String at = pointer + "/" + i;
            int line = document.line(at);
            references.add(new RuleReference(e.rule(), displayName, document.line(at + "/rule")));
            LocalDate expires = null;
            if (e.expires() != null) {
                try {
                    expires = LocalDate.parse(e.expires());
                } catch (DateTimeParseException ex) {
                    errors.add(new InputError(displayName, document.line(at + "/expires"),
                            "at waivers." + i + ".expires: '" + e.expires() + "' is not a date"));
                }
            }
            PathGlob path;
            try {
                path = PathGlob.of(e.path());
            } catch (IllegalArgumentException ex) {
                errors.add(new InputError(displayName, document.line(at + "/path"),
                        "at waivers." + i + ".path: " + ex.getMessage()));
                continue;
            }
            out.add(new Waiver(e.rule(), path, e.resource(), e.reason().strip(), e.owner(), expires,
                    displayName, line, i));
        }
        return out;
    }

    private static List<TemplateParameters> parameters(List<ParameterEntry> entries, YamlDocument document,
                                                       String displayName, List<InputError> errors) {
        List<TemplateParameters> out = new ArrayList<>();
        List<ParameterEntry> list = list(entries);
        for (int i = 0; i < list.size(); i++) {
            ParameterEntry e = list.get(i);
            try {
                Map<String, String> values = new LinkedHashMap<>();
                e.values().forEach((k, v) -> values.put(k, v.asText()));
                out.add(new TemplateParameters(PathGlob.of(e.templates()), values));
            } catch (IllegalArgumentException ex) {
                errors.add(new InputError(displayName, document.line("/parameters/" + i + "/templates"),
                        "at parameters." + i + ".templates: " + ex.getMessage()));
            }
        }
        return out;
    }

    private static Map<String, Severity> severities(Map<String, String> written) {
        Map<String, Severity> out = new LinkedHashMap<>();
        if (written != null) {
            written.forEach((id, s) -> out.put(id, Severity.parse(s)));
        }
        return out;
    }

    private static InlinePolicy inlinePolicy(SuppressionsEntry suppressions) {
        if (suppressions == null || suppressions.inline() == null || suppressions.inline().forbid() == null) {
            return InlinePolicy.ALLOW_ALL;
        }
        ForbidEntry forbid = suppressions.inline().forbid();
        return new InlinePolicy(Set.copyOf(list(forbid.rules())),
                Set.copyOf(list(forbid.severities()).stream().map(Severity::parse).toList()));
    }

    /** Every rule id the configuration names (the waivers' are already in {@code into}), with its line. */
    private static List<RuleReference> references(ConfigDocument doc, YamlDocument document, String displayName,
                                                   List<RuleReference> into) {
        if (document == null) {
            return into;
        }
        List<RuleReference> out = new ArrayList<>();
        addAll(out, doc.enable(), "/enable", document, displayName);
        addAll(out, doc.disable(), "/disable", document, displayName);
        if (doc.severity() != null) {
            for (String id : doc.severity().keySet()) {
                out.add(new RuleReference(id, displayName, document.line("/severity/" + YamlDocument.escape(id))));
            }
        }
        if (doc.suppressions() != null && doc.suppressions().inline() != null
                && doc.suppressions().inline().forbid() != null) {
            addAll(out, doc.suppressions().inline().forbid().rules(), "/suppressions/inline/forbid/rules", document,
                    displayName);
        }
        out.addAll(into);
        return out;
    }

    private static void addAll(List<RuleReference> out, List<String> ids, String pointer, YamlDocument document,
                               String displayName) {
        List<String> list = list(ids);
        for (int i = 0; i < list.size(); i++) {
            out.add(new RuleReference(list.get(i), displayName, document.line(pointer + "/" + i)));
        }
    }

    private static <T> List<T> list(List<T> maybe) {
        return maybe == null ? List.of() : maybe;
    }

    /** {@code file} as seen from {@code start}, when it is below it; else its absolute path. */
    private static String display(Path start, Path file) {
        Path from = start.toAbsolutePath().normalize();
        Path to = file.toAbsolutePath().normalize();
        return to.startsWith(from) ? from.relativize(to).toString() : to.toString();
    }

    /**
     * A file named relative to the configuration's directory ({@code name}), as messages name it and as the process
     * opens it: beside a configuration file named {@code configDisplayName}.
     */
    private static String sibling(String configDisplayName, String name) {
        Path parent = Path.of(configDisplayName).getParent();
        return parent == null ? name : parent.resolve(name).toString();
    }

    private static synchronized Schemas schemas() {
        if (schemas == null) {
            try (InputStream in = ConfigReader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the class path");
                }
                JsonNode config = Json.MAPPER.readTree(in);
                // The waiver file is the schema's waiverFile definition: one file, two entry points.
                ObjectNode waivers = Json.MAPPER.createObjectNode();
                waivers.set("$schema", config.get("$schema"));
                waivers.put("$id", "https://portcullis.dev/schemas/portcullis-waivers.schema.json");
                waivers.set("$defs", config.get("$defs"));
                waivers.put("$ref", "#/$defs/waiverFile");
                schemas = new Schemas(DocumentSchema.of(config), DocumentSchema.of(waivers));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + SCHEMA_RESOURCE + ": " + e.getMessage(), e);
            }
        }
        return schemas;
    }

    /** {@code .portcullis.yaml} as written; the schema has checked every key and type. */
    record ConfigDocument(
            Integer version,
            String pack,
            List<String> rules,
            List<String> enable,
            List<String> disable,
            Map<String, String> severity,
            @JsonProperty("fail-on") String failOn,
            List<ParameterEntry> parameters,
            String format,
            List<String> output,
            String baseline,
            SuppressionsEntry suppressions,
            List<WaiverEntry> waivers) {

        static final ConfigDocument EMPTY = new ConfigDocument(null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    record ParameterEntry(String templates, Map<String, JsonNode> values) {
    }

    record SuppressionsEntry(InlineEntry inline) {
    }

    record InlineEntry(ForbidEntry forbid) {
    }

    record ForbidEntry(List<String> rules, List<String> severities) {
    }

    record WaiverEntry(String rule, String path, String resource, String reason, String owner, String expires) {
    }

    record WaiverFileDocument(Integer version, List<WaiverEntry> waivers) {
    }
}
