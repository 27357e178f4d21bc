package dev.portcullis.model;

import java.util.List;
import java.util.Map;

/**
 * A parsed template: the whole tree plus its sections indexed by name. Built by the parser, which has
 * already checked the structure (top level is a mapping, {@code Resources} is a mapping, every resource
 * has a string {@code Type}).
 *
 * @param transforms the names listed under {@code Transform} (empty when none)
 */
public record Template(
        String file,
        Format format,
        MappingNode root,
        Map<String, Parameter> parameters,
        Map<String, Resource> resources,
        List<String> transforms) {

    /** The source syntax. */
    public enum Format { JSON, YAML }

    public Template {
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        resources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(resources));
        transforms = List.copyOf(transforms);
    }

    public MappingNode section(String name) {
        return root.mapping(name);
    }

    public MappingNode conditions() {
        return root.mapping("Conditions");
    }

    public MappingNode mappings() {
        return root.mapping("Mappings");
    }

    public MappingNode outputs() {
        return root.mapping("Outputs");
    }

    public boolean hasTransform(String name) {
        return transforms.contains(name);
    }

    public boolean isSam() {
        return hasTransform("AWS::Serverless-2016-10-31");
    }

    /**
     * The transforms that are macros: every one except {@code AWS::LanguageExtensions}, which the resolver
     * evaluates, and SAM, whose resources are checked as written. Content a macro would generate is not seen.
     */
    public List<String> macros() {
        return transforms.stream().filter(t -> !UNDERSTOOD_TRANSFORMS.contains(t)).toList();
    }

    private static final java.util.Set<String> UNDERSTOOD_TRANSFORMS =
            java.util.Set.of("AWS::LanguageExtensions", "AWS::Serverless-2016-10-31");
}
