package dev.portcullis.gate;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.portcullis.model.Severity;
import dev.portcullis.resolve.Inputs;

/**
 * A repository's settings for {@code portcullis check}: the project configuration ({@code .portcullis.yaml}) and
 * the waiver file ({@code .portcullis/waivers.yaml}) next to it, as read by {@link ConfigReader}. Settings left out
 * of the file are null (or empty); the command line wins over every one of them.
 *
 * @param file       the configuration file as named in messages; null when only a waiver file was found
 * @param directory  the absolute directory globs and rule directories are relative to
 * @param rulesDirs  users' rule directories, already resolved against {@code directory}
 * @param severities severity overrides by rule id
 * @param parameters parameter values per template glob, in file order (later entries win)
 * @param outputs    report destinations in {@code --output} syntax
 * @param baseline   the baseline file {@code check} compares with when {@code --baseline} is not given, and
 *                   {@code baseline create} writes when {@code --output} is not; named so the process can open it
 *                   (relative to the configuration's directory in the file); null when not set
 * @param references every rule id the files name, checked against the catalog by the gate
 * @param packLine   the line of {@code pack}, for an error when no such pack exists; null when not set
 */
public record ProjectConfig(
        String file,
        Path directory,
        String pack,
        List<String> rulesDirs,
        List<String> enable,
        List<String> disable,
        Map<String, Severity> severities,
        Severity failOn,
        List<TemplateParameters> parameters,
        String format,
        List<String> outputs,
        String baseline,
        InlinePolicy inline,
        List<Waiver> waivers,
        List<RuleReference> references,
        Integer packLine) {

    public ProjectConfig {
        directory = directory.toAbsolutePath().normalize();
        rulesDirs = List.copyOf(rulesDirs);
        enable = List.copyOf(enable);
        disable = List.copyOf(disable);
        severities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(severities));
        parameters = List.copyOf(parameters);
        outputs = List.copyOf(outputs);
        inline = inline == null ? InlinePolicy.ALLOW_ALL : inline;
        waivers = List.copyOf(waivers);
        references = List.copyOf(references);
    }

    /** A file's path relative to {@link #directory()}, which is what waiver and parameter globs match. */
    Path relative(Path template) {
        return directory.relativize(template.toAbsolutePath().normalize());
    }

    /**
     * The inputs for one template: the configuration's values for the globs it matches, under the values given
     * on the command line ({@code given}), which win.
     */
    Inputs inputsFor(Path template, Inputs given) {
        if (parameters.isEmpty()) {
            return given;
        }
        Path relative = relative(template);
        Map<String, String> values = new LinkedHashMap<>();
        for (TemplateParameters p : parameters) {
            if (p.templates().matches(relative)) {
                values.putAll(p.values());
            }
        }
        if (values.isEmpty()) {
            return given;
        }
        values.putAll(given.parameters());
        return new Inputs(values, given.region(), given.account());
    }
}
