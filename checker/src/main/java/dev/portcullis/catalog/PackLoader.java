package dev.portcullis.catalog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.portcullis.model.InputError;
import dev.portcullis.model.InputException;
import dev.portcullis.model.Severity;

/** Reads one pack file: YAML with lines → schema validation → binding → selectors. */
final class PackLoader {

    /** A pack file as written. */
    record PackDocument(String name, String title, String description, List<SelectorDocument> select,
                        List<String> exclude, Map<String, String> severity) {
    }

    /** One selector as written; exactly one field is set (the schema checks it). */
    record SelectorDocument(Boolean all, List<String> ids, String framework, String controls, List<String> services,
                            String minSeverity) {
    }

    /** A pack, or the errors that kept it from loading. */
    record Loaded(Pack pack, List<InputError> errors) {
    }

    private final DocumentSchema schema;

    PackLoader(DocumentSchema schema) {
        this.schema = schema;
    }

    Loaded load(Path file, String displayName) {
        try {
            RuleLoader.Parsed parsed = RuleLoader.parse(RuleLoader.read(file, displayName), displayName, schema);
            if (parsed.document() == null) {
                return new Loaded(null, parsed.errors());
            }
            return compile(parsed.document(), file.getFileName().toString(), displayName);
        } catch (InputException e) {
            return new Loaded(null, List.of(e.toError()));
        }
    }

    /** Binds a schema-valid pack document named {@code fileName}. */
    static Loaded compile(YamlDocument doc, String fileName, String displayName) {
        try {
            PackDocument d = CatalogJson.MAPPER.treeToValue(doc.root(), PackDocument.class);
            List<InputError> errors = new ArrayList<>();
            String expected = fileName.substring(0, fileName.length() - ".yaml".length());
            if (!d.name().equals(expected)) {
                errors.add(new InputError(displayName, doc.line("/name"),
                        "pack name '" + d.name() + "' must equal the file name '" + fileName + "'"));
            }
            Map<String, Integer> references = new LinkedHashMap<>();
            List<PackSelector> selectors = new ArrayList<>();
            for (int i = 0; i < d.select().size(); i++) {
                SelectorDocument s = d.select().get(i);
                String at = "/select/" + i;
                if (Boolean.TRUE.equals(s.all())) {
                    selectors.add(new PackSelector.All());
                } else if (s.ids() != null) {
                    for (int j = 0; j < s.ids().size(); j++) {
                        references.putIfAbsent(s.ids().get(j), doc.line(at + "/ids/" + j));
                    }
                    selectors.add(new PackSelector.Ids(Set.copyOf(s.ids())));
                } else if (s.framework() != null) {
                    selectors.add(new PackSelector.Framework(ControlFramework.byKey(s.framework())));
                } else if (s.controls() != null) {
                    try {
                        selectors.add(new PackSelector.Controls(Pattern.compile(s.controls())));
                    } catch (PatternSyntaxException e) {
                        errors.add(new InputError(displayName, doc.line(at + "/controls"),
                                "bad regular expression: " + e.getDescription()));
                    }
                } else if (s.services() != null) {
                    selectors.add(new PackSelector.Services(Set.copyOf(s.services())));
                } else if (s.minSeverity() != null) {
                    selectors.add(new PackSelector.MinSeverity(Severity.parse(s.minSeverity())));
                }
            }
            List<String> exclude = d.exclude() == null ? List.of() : d.exclude();
            for (int j = 0; j < exclude.size(); j++) {
                references.putIfAbsent(exclude.get(j), doc.line("/exclude/" + j));
            }
            Map<String, Severity> severities = new HashMap<>();
            if (d.severity() != null) {
                d.severity().forEach((id, sev) -> {
                    severities.put(id, Severity.parse(sev));
                    references.putIfAbsent(id, doc.line("/severity/" + YamlDocument.escape(id)));
                });
            }
            if (!errors.isEmpty()) {
                return new Loaded(null, errors);
            }
            return new Loaded(new Pack(d.name(), d.title().strip(), d.description() == null ? "" : d.description().strip(),
                    selectors, Set.copyOf(exclude), severities, displayName, references), List.of());
        } catch (IOException | IllegalArgumentException e) {
            return new Loaded(null, List.of(new InputError(displayName, null, "cannot bind: " + e.getMessage())));
        }
    }
}
