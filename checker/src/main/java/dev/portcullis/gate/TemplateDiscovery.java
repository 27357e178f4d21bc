package dev.portcullis.gate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.portcullis.model.InputError;

/**
 * Turns the paths a user gave into the files to check. A file named explicitly is always checked (and is an
 * error if it is not a template); a directory is walked recursively and only files that look like templates
 * are picked, others skipped quietly, so pointing the gate at a repository root just works. A CDK cloud assembly
 * ({@code cdk.out}) met on the way, or named, is read through its manifest ({@link CloudAssembly}) instead of file
 * by file, so its templates are checked once, with their construct paths.
 */
final class TemplateDiscovery {

    /**
     * A file to check and the name used for it in findings and errors; {@code stack} is the cloud assembly stack
     * the file is the template of, null for a plain template.
     */
    record Candidate(Path path, String displayName, AssemblyStack stack) {
        Candidate(Path path, String displayName) {
            this(path, displayName, null);
        }
    }

    record Discovery(List<Candidate> candidates, List<InputError> errors) {
    }

    private static final Set<String> EXTENSIONS = Set.of(".json", ".yaml", ".yml", ".template");

    /** Directories that never hold a user's templates and can be huge. */
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "node_modules", ".hg", ".svn", "target");

    /**
     * A top-level {@code Resources} or {@code AWSTemplateFormatVersion} key in block YAML (top-level keys start in
     * column 1). A file with such a key is treated as a template even if it turns out to be broken, so a broken
     * template fails the run instead of being skipped.
     */
    private static final Pattern YAML_TEMPLATE_KEY = Pattern.compile(
            "(?m)^[\"']?(Resources|AWSTemplateFormatVersion)[\"']?\\s*:");

    /** The same keys anywhere in JSON text: the fallback when a JSON file cannot be read as JSON. */
    private static final Pattern JSON_TEMPLATE_KEY = Pattern.compile("\"(Resources|AWSTemplateFormatVersion)\"\\s*:");

    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** How much of a file is read to decide whether it is a template. */
    private static final int SNIFF_BYTES = 1024 * 1024;

    /** Users' rule directories: their annotated fixtures are insecure on purpose, so a directory scan skips them. */
    private final Set<Path> ruleDirectories;

    TemplateDiscovery() {
        this(List.of());
    }

    TemplateDiscovery(List<String> ruleDirectories) {
        this.ruleDirectories = ruleDirectories.stream().map(d -> Path.of(d).toAbsolutePath().normalize())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    Discovery discover(List<String> paths) {
        List<Candidate> candidates = new ArrayList<>();
        List<InputError> errors = new ArrayList<>();
        List<Path> assemblies = new ArrayList<>();
        for (String given : paths) {
            Path path = Path.of(given);
            Path parent = path.toAbsolutePath().getParent();
            if (Files.isDirectory(path)) {
                walk(path, given, candidates, errors, assemblies);
            } else if (path.getFileName() != null && path.getFileName().toString().equals(CloudAssembly.MANIFEST)
                    && parent != null && CloudAssembly.isAssembly(parent)) {
                String directory = given.substring(0, given.length() - CloudAssembly.MANIFEST.length());
                readAssembly(parent, directory.isEmpty() ? "." : directory, candidates, errors, assemblies);
            } else if (Files.exists(path)) {
                candidates.add(new Candidate(path, given));
            } else {
                errors.add(new InputError(given, null, "no such file or directory"));
            }
        }
        return new Discovery(withoutAssemblyFiles(candidates, assemblies), errors);
    }

    private void readAssembly(Path directory, String display, List<Candidate> candidates, List<InputError> errors,
                              List<Path> assemblies) {
        Path absolute = directory.toAbsolutePath().normalize();
        if (assemblies.contains(absolute)) {
            return;
        }
        assemblies.add(absolute);
        CloudAssembly.Reading reading = CloudAssembly.read(directory, display);
        for (AssemblyStack stack : reading.stacks()) {
            candidates.add(new Candidate(stack.template(), stack.display(stack.templateFile()), stack));
        }
        errors.addAll(reading.errors());
    }

    /** A plain file inside a cloud assembly read in the same run is checked as part of the assembly only. */
    private static List<Candidate> withoutAssemblyFiles(List<Candidate> candidates, List<Path> assemblies) {
        if (assemblies.isEmpty()) {
            return candidates;
        }
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : candidates) {
            Path absolute = c.path().toAbsolutePath().normalize();
            if (c.stack() != null || assemblies.stream().noneMatch(absolute::startsWith)) {
                out.add(c);
            }
        }
        return out;
    }

    private void walk(Path root, String given, List<Candidate> candidates, List<InputError> errors,
                      List<Path> assemblies) {
        List<Path> found = new ArrayList<>();
        List<Path> assemblyDirs = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    boolean skip = !dir.equals(root) && (SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())
                            || ruleDirectories.contains(dir.toAbsolutePath().normalize()));
                    if (skip) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (CloudAssembly.isAssembly(dir)) {
                        assemblyDirs.add(dir);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && hasTemplateExtension(file)) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    errors.add(new InputError(display(root, given, file), null, "cannot read: " + reason(e)));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            errors.add(new InputError(given, null, "cannot read directory: " + reason(e)));
        }
        assemblyDirs.sort(null);
        for (Path dir : assemblyDirs) {
            readAssembly(dir, dir.equals(root) ? trimmed(given) : display(root, given, dir), candidates, errors,
                    assemblies);
        }
        found.sort(null);
        for (Path file : found) {
            String name = display(root, given, file);
            try {
                if (looksLikeTemplate(file)) {
                    candidates.add(new Candidate(file, name));
                }
            } catch (IOException e) {
                errors.add(new InputError(name, null, "cannot read: " + reason(e)));
            }
        }
    }

    static boolean hasTemplateExtension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot));
    }

    static boolean looksLikeTemplate(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        // Lenient decoding is fine here: this only decides whether to parse; the parser decodes strictly.
        String text = new String(head, StandardCharsets.UTF_8);
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{")) {
            return jsonHasTemplateKey(text);
        }
        return YAML_TEMPLATE_KEY.matcher(text).find();
    }

    /**
     * Whether the JSON object has a template key at its top level. Nested keys do not count: a package-lock.json or
     * a CDK tree.json may hold a "Resources" key deep inside and is not a template. JSON that cannot be read (broken,
     * or cut at the sniff limit) falls back to a key anywhere, so a broken template is still checked and fails.
     */
    private static boolean jsonHasTemplateKey(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (name.equals("Resources") || name.equals("AWSTemplateFormatVersion")) {
                    return true;
                }
                parser.nextToken();
                parser.skipChildren();
            }
            return false;
        } catch (IOException | RuntimeException unreadable) {
            return JSON_TEMPLATE_KEY.matcher(text).find();
        }
    }

    private static String trimmed(String given) {
        return given.length() > 1 && given.endsWith("/") ? given.substring(0, given.length() - 1) : given;
    }

    private static String display(Path root, String given, Path file) {
        String relative = root.relativize(file).toString();
        String base = given.endsWith("/") ? given.substring(0, given.length() - 1) : given;
        return base.equals(".") ? relative : base + "/" + relative;
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName().replace("Exception", "") + (m == null ? "" : " " + m);
    }
}
