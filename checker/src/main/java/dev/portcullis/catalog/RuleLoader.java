package dev.portcullis.catalog;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.portcullis.model.InputError;
import dev.portcullis.model.InputException;
import dev.portcullis.model.Severity;

/**
 * Reads one rule file: YAML with lines → schema validation → binding → compilation (paths, regular expressions,
 * the Java check and its parameters). Every problem is an {@link InputError} naming the file and line; a file
 * with problems yields no rule.
 */
final class RuleLoader {

    static final String RULE_SUFFIX = ".rule.yaml";
    static final String FIXTURE_SUFFIX = ".test.yaml";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
    private static final long MAX_BYTES = 256 * 1024;

    /** The rule file as written (the schema has checked its shape). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RuleDocument(
            String id,
            String title,
            String severity,
            List<String> resourceTypes,
            JsonNode when,
            @JsonProperty("assert") JsonNode assertion,
            String check,
            JsonNode params,
            String message,
            String remediation,
            String rationale,
            List<String> references,
            List<String> controls,
            Map<String, List<String>> equivalents,
            JsonNode response) {

        /**
         * Reads a schema-valid tree field by field. Done by hand rather than by Jackson's record binding, whose
         * set-up costs more at start-up than reading the whole bundled catalog.
         */
        static RuleDocument of(JsonNode n) {
            Map<String, List<String>> equivalents = null;
            JsonNode eq = n.get("equivalents");
            if (eq != null && eq.isObject()) {
                equivalents = new java.util.LinkedHashMap<>();
                for (var it = eq.fields(); it.hasNext(); ) {
                    var e = it.next();
                    equivalents.put(e.getKey(), strings(e.getValue()));
                }
            }
            return new RuleDocument(text(n, "id"), text(n, "title"), text(n, "severity"), strings(n.get("resourceTypes")),
                    n.get("when"), n.get("assert"), text(n, "check"), n.get("params"), text(n, "message"),
                    text(n, "remediation"), text(n, "rationale"), strings(n.get("references")),
                    strings(n.get("controls")), equivalents, n.get("response"));
        }

        private static String text(JsonNode n, String field) {
            JsonNode v = n.get(field);
            return v == null || v.isNull() ? null : v.asText();
        }

        private static List<String> strings(JsonNode array) {
            if (array == null || !array.isArray()) {
                return null;
            }
            List<String> out = new ArrayList<>(array.size());
            array.forEach(v -> out.add(v.asText()));
            return out;
        }
    }

    /** A rule, or the errors that kept it from loading. */
    record Loaded(Rule rule, List<InputError> errors) {
    }

    /** A file's YAML tree after schema validation, or the errors found on the way. */
    record Parsed(YamlDocument document, List<InputError> errors) {
    }

    private final DocumentSchema schema;
    private final CheckRegistry registry;

    /**
     * @param schema   validates rule files read from directories (the bundle was validated when it was built)
     * @param registry the Java checks rules may name; null only while bundling, when rules naming one are checked
     *                 for everything but the check and yield no rule
     */
    RuleLoader(DocumentSchema schema, CheckRegistry registry) {
        this.schema = schema;
        this.registry = registry;
    }

    /** Reads, validates and compiles a rule file from a directory. */
    Loaded load(Path file, String displayName, String service, boolean bundled) {
        try {
            Parsed parsed = parse(RuleLoader.read(file, displayName), displayName, schema);
            if (parsed.document() == null) {
                return new Loaded(null, parsed.errors());
            }
            return compile(parsed.document(), file.getFileName().toString(),
                    RuleSource.ofFile(file, displayName, service, bundled));
        } catch (InputException e) {
            return new Loaded(null, List.of(e.toError()));
        }
    }

    /** YAML with lines, then the schema: the part of loading that does not need the Java checks. */
    static Parsed parse(String text, String displayName, DocumentSchema schema) {
        try {
            YamlDocument doc = YamlDocument.parse(text, displayName);
            List<InputError> invalid = schema.validate(doc, displayName);
            return invalid.isEmpty() ? new Parsed(doc, List.of()) : new Parsed(null, invalid);
        } catch (InputException e) {
            return new Parsed(null, List.of(e.toError()));
        }
    }

    /** Binds and compiles a schema-valid rule document named {@code fileName}. */
    Loaded compile(YamlDocument doc, String fileName, RuleSource source) {
        RuleDocument d;
        try {
            d = bind(doc);
        } catch (IOException | IllegalArgumentException e) {
            return new Loaded(null, List.of(new InputError(source.displayName(), null, "cannot bind: " + e.getMessage())));
        }
        return compile(d, doc, fileName, source);
    }

    static RuleDocument bind(YamlDocument doc) throws IOException {
        return RuleDocument.of(doc.root());
    }

    /**
     * Compiles a bound rule document named {@code fileName}; {@code doc} gives the lines for errors (its tree is
     * not read again).
     */
    Loaded compile(RuleDocument d, YamlDocument doc, String fileName, RuleSource source) {
        String displayName = source.displayName();
        try {
            List<InputError> errors = new ArrayList<>();
            String expectedId = fileName.substring(0, fileName.length() - RULE_SUFFIX.length());
            if (!d.id().equals(expectedId)) {
                errors.add(new InputError(displayName, doc.line("/id"),
                        "id '" + d.id() + "' must equal the file name '" + expectedId + RULE_SUFFIX + "'"));
            }
            Assertion when = compile(d.when(), "/when", doc, displayName, errors);
            Assertion assertion = compile(d.assertion(), "/assert", doc, displayName, errors);
            JavaCheck<?> check = d.check() == null ? null : bind(d, doc, displayName, errors);
            if (assertion != null) {
                Matcher m = PLACEHOLDER.matcher(d.message());
                while (m.find()) {
                    if (!Messages.STANDARD.contains(m.group(1))) {
                        errors.add(new InputError(displayName, doc.line("/message"), "unknown placeholder {"
                                + m.group(1) + "} (use {resource}, {type}, {path} or {value})"));
                    }
                }
            }
            Revert revert = null;
            if (d.response() != null && d.response().hasNonNull("revert")) {
                String label = d.response().get("revert").asText();
                revert = Revert.parse(label).orElse(null);
                if (revert == null) {
                    errors.add(new InputError(displayName, doc.line("/response/revert"), "unknown revert '" + label
                            + "' (revoke-ingress, restore-public-access-block or delete-function-url)"));
                }
            }
            if (!errors.isEmpty() || (assertion == null && check == null)) {
                return new Loaded(null, errors);
            }
            Rule rule = new Rule(d.id(), d.title().strip(), Severity.parse(d.severity()), d.resourceTypes(), when,
                    assertion, check, d.message().strip(), d.remediation().strip(), d.rationale().strip(),
                    orEmpty(d.references()), orEmpty(d.controls()),
                    d.equivalents() == null ? Map.of() : d.equivalents(), revert, source);
            return new Loaded(rule, List.of());
        } catch (IllegalArgumentException e) {
            return new Loaded(null, List.of(new InputError(displayName, null, "cannot compile: " + e.getMessage())));
        }
    }

    static String read(Path file, String displayName) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InputException(displayName, null, "larger than " + MAX_BYTES / 1024 + " KiB");
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new InputException(displayName, null, "not UTF-8 text");
        } catch (IOException e) {
            throw new InputException(displayName, null, "cannot read: " + e.getMessage());
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Assertion compile(JsonNode node, String pointer, YamlDocument doc, String file,
                                     List<InputError> errors) {
        if (node == null) {
            return null;
        }
        try {
            return AssertionCompiler.compile(node, pointer);
        } catch (AssertionCompiler.Problem p) {
            errors.add(new InputError(file, doc.line(p.pointer()), p.getMessage()));
            return null;
        }
    }

    private JavaCheck<?> bind(RuleDocument d, YamlDocument doc, String file, List<InputError> errors) {
        if (registry == null) {
            return null; // bundling: the Java checks are not known here (see CatalogBundler)
        }
        RuleCheck<?> check = registry.find(d.check()).orElse(null);
        if (check == null) {
            errors.add(new InputError(file, doc.line("/check"), "no Java check named '" + d.check() + "'"
                    + (registry.names().isEmpty() ? "" : " (known: " + String.join(", ", registry.names()) + ")")));
            return null;
        }
        return bindParams(d.check(), check, d.params(), doc, file, errors);
    }

    private static <P extends Record> JavaCheck<P> bindParams(String name, RuleCheck<P> check, JsonNode params,
                                                             YamlDocument doc, String file, List<InputError> errors) {
        if (params != null && check.params() == NoParams.class && !params.isEmpty()) {
            errors.add(new InputError(file, doc.line("/params"), "Java check '" + name + "' takes no params"));
            return null;
        }
        JsonNode tree = params == null ? JsonNodeFactory.instance.objectNode() : params;
        try {
            return new JavaCheck<>(name, check, CatalogJson.MAPPER.treeToValue(tree, check.params()));
        } catch (MismatchedInputException e) {
            StringBuilder pointer = new StringBuilder("/params");
            StringBuilder field = new StringBuilder();
            for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
                String segment = r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex());
                pointer.append('/').append(YamlDocument.escape(segment));
                field.append(field.length() == 0 ? "" : ".").append(segment);
            }
            errors.add(new InputError(file, doc.line(pointer.toString()), "params of Java check '" + name + "'"
                    + (field.length() == 0 ? "" : ", field '" + field + "'") + ": " + e.getOriginalMessage()));
            return null;
        } catch (IOException | IllegalArgumentException e) {
            errors.add(new InputError(file, doc.line("/params"), "params of Java check '" + name + "': "
                    + e.getMessage()));
            return null;
        }
    }
}
