package dev.portcullis.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import dev.portcullis.model.InputError;
import dev.portcullis.report.Json;

/**
 * Reads a CDK cloud assembly ({@code cdk.out}): every CloudFormation stack artifact of its {@code manifest.json},
 * and those of its nested assemblies (CDK Stages), recursively. Nested stacks are found later, in the stacks'
 * templates ({@link AssemblyStackCheck}). A broken manifest, a stack without a template or a missing nested assembly
 * is an error naming the artifact; artifacts that hold no template (asset manifests, the construct tree) are not
 * templates and are passed over.
 */
final class CloudAssembly {

    static final String MANIFEST = "manifest.json";
    /** The marker file the CDK writes into every cloud assembly directory, next to the manifest. */
    static final String MARKER = "cdk.out";

    private static final TypeReference<Map<String, List<AssemblyManifest.MetadataEntry>>> METADATA_FILE =
            new TypeReference<>() {
            };

    /** The stacks of an assembly and what could not be read. */
    record Reading(List<AssemblyStack> stacks, List<InputError> errors) {
    }

    private final Path root;
    private final List<AssemblyStack> stacks = new ArrayList<>();
    private final List<InputError> errors = new ArrayList<>();
    private final Set<Path> visited = new HashSet<>();

    private CloudAssembly(Path root) {
        this.root = root;
    }

    /**
     * Whether {@code directory} is a cloud assembly: it has a {@code manifest.json} and either the CDK's marker
     * file or a manifest with {@code version} and {@code artifacts} at its top level (web app and browser extension
     * manifests share the file name, not that shape).
     */
    static boolean isAssembly(Path directory) {
        Path manifest = directory.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return false;
        }
        if (Files.isRegularFile(directory.resolve(MARKER))) {
            return true;
        }
        try {
            return topLevelKeys(manifest).containsAll(List.of("version", "artifacts"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads the assembly in {@code directory}, named {@code display} in findings and errors. */
    static Reading read(Path directory, String display) {
        Path root = directory.toAbsolutePath().normalize();
        CloudAssembly assembly = new CloudAssembly(root);
        assembly.readAssembly(root, trimSlash(display));
        return new Reading(List.copyOf(assembly.stacks), List.copyOf(assembly.errors));
    }

    private void readAssembly(Path directory, String display) {
        if (!visited.add(directory)) {
            return;
        }
        String manifestName = AssemblyStack.join(display, MANIFEST);
        AssemblyManifest manifest;
        try {
            manifest = Json.MAPPER.readValue(directory.resolve(MANIFEST).toFile(), AssemblyManifest.class);
        } catch (JsonProcessingException e) {
            errors.add(new InputError(manifestName, JsonErrors.line(e),
                    "not a valid cloud assembly manifest: " + JsonErrors.message(e)));
            return;
        } catch (IOException e) {
            errors.add(new InputError(manifestName, null, "cannot read the cloud assembly manifest: " + reason(e)));
            return;
        }
        if (manifest == null || manifest.version() == null) {
            errors.add(new InputError(manifestName, null, "not a cloud assembly manifest: it has no 'version'"));
            return;
        }
        Map<String, AssemblyManifest.Artifact> artifacts = manifest.artifacts() == null ? Map.of()
                : new TreeMap<>(manifest.artifacts());
        for (Map.Entry<String, AssemblyManifest.Artifact> e : artifacts.entrySet()) {
            AssemblyManifest.Artifact artifact = e.getValue();
            if (artifact == null || artifact.type() == null) {
                continue;
            }
            if (artifact.type().equals(AssemblyManifest.STACK)) {
                readStack(directory, display, manifestName, e.getKey(), artifact);
            } else if (artifact.type().equals(AssemblyManifest.NESTED_ASSEMBLY)) {
                readNestedAssembly(directory, display, manifestName, e.getKey(), artifact);
            }
        }
    }

    private void readStack(Path directory, String display, String manifestName, String id,
                           AssemblyManifest.Artifact artifact) {
        AssemblyManifest.Properties properties = artifact.properties();
        String templateFile = properties == null ? null : properties.templateFile();
        String name = artifact.displayName() != null ? artifact.displayName() : id;
        if (templateFile == null || templateFile.isBlank()) {
            errors.add(new InputError(manifestName, null, "stack artifact '" + id + "' names no templateFile"));
            return;
        }
        Path template = directory.resolve(templateFile).normalize();
        String templateName = AssemblyStack.join(display, templateFile);
        if (!template.startsWith(root)) {
            errors.add(new InputError(manifestName, null, "stack artifact '" + id + "': its templateFile '"
                    + templateFile + "' is outside the cloud assembly"));
            return;
        }
        if (!Files.isRegularFile(template)) {
            errors.add(new InputError(templateName, null, "the template of stack artifact '" + id
                    + "' is missing from the cloud assembly"));
            return;
        }
        Map<String, List<AssemblyManifest.MetadataEntry>> metadata = new LinkedHashMap<>();
        if (artifact.metadata() != null) {
            metadata.putAll(artifact.metadata());
        }
        if (artifact.additionalMetadataFile() != null) {
            Path file = directory.resolve(artifact.additionalMetadataFile()).normalize();
            String fileName = AssemblyStack.join(display, artifact.additionalMetadataFile());
            if (!file.startsWith(root)) {
                errors.add(new InputError(manifestName, null, "stack artifact '" + id + "': its metadata file '"
                        + artifact.additionalMetadataFile() + "' is outside the cloud assembly"));
                return;
            }
            try {
                Map<String, List<AssemblyManifest.MetadataEntry>> more = Json.MAPPER.readValue(file.toFile(),
                        METADATA_FILE);
                if (more != null) {
                    metadata.putAll(more);
                }
            } catch (JsonProcessingException e) {
                errors.add(new InputError(fileName, JsonErrors.line(e), "not valid construct metadata of stack "
                        + "artifact '" + id + "': " + JsonErrors.message(e)));
                return;
            } catch (IOException e) {
                errors.add(new InputError(fileName, null, "cannot read the construct metadata of stack artifact '"
                        + id + "': " + reason(e)));
                return;
            }
        }
        Map<String, String> parameters = properties.parameters() == null ? Map.of() : properties.parameters();
        stacks.add(new AssemblyStack(root, directory, display, templateFile, name, parameters,
                new ConstructSources(metadata)));
    }

    private void readNestedAssembly(Path directory, String display, String manifestName, String id,
                                    AssemblyManifest.Artifact artifact) {
        String directoryName = artifact.properties() == null ? null : artifact.properties().directoryName();
        if (directoryName == null || directoryName.isBlank()) {
            errors.add(new InputError(manifestName, null, "nested cloud assembly artifact '" + id
                    + "' names no directoryName"));
            return;
        }
        Path nested = directory.resolve(directoryName).normalize();
        if (!nested.startsWith(root)) {
            errors.add(new InputError(manifestName, null, "nested cloud assembly artifact '" + id
                    + "': its directory '" + directoryName + "' is outside the cloud assembly"));
            return;
        }
        String nestedDisplay = AssemblyStack.join(display, trimSlash(directoryName));
        if (!Files.isRegularFile(nested.resolve(MANIFEST))) {
            errors.add(new InputError(AssemblyStack.join(nestedDisplay, MANIFEST), null, "the manifest of nested cloud assembly "
                    + "artifact '" + id + "' is missing"));
            return;
        }
        readAssembly(nested, nestedDisplay);
    }

    /** The keys of a JSON object file's top level, read without building the document. */
    private static Set<String> topLevelKeys(Path file) throws IOException {
        Set<String> keys = new HashSet<>();
        try (JsonParser parser = Json.MAPPER.createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return keys;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                keys.add(parser.currentName());
                parser.nextToken();
                parser.skipChildren();
            }
        } catch (JsonProcessingException e) {
            return keys;
        }
        return keys;
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String trimSlash(String name) {
        String out = name;
        while (out.length() > 1 && out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }
}
