package dev.portcullis.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import dev.portcullis.model.InputException;
import dev.portcullis.model.Node;
import dev.portcullis.model.Template;

/**
 * Reads a JSON or YAML CloudFormation template into the typed tree, with positions. Every way an input can
 * be bad (unreadable, not text, not JSON/YAML, not shaped like a template, built to exhaust memory or
 * stack) ends in an {@link InputException} naming the file and, when there is one, the line.
 * Instances hold no state and may be shared between threads.
 */
public final class TemplateParser {

    /** Files larger than this are rejected (CloudFormation's own limit is 1 MB). */
    public static final long MAX_BYTES = 16L * 1024 * 1024;

    /**
     * Deepest nesting of mappings, lists and intrinsics accepted. Real templates stay under 30 levels; the
     * limit keeps every recursive walk over the tree (resolver, checks, reporters) far from the end of a
     * default thread stack.
     */
    public static final int MAX_DEPTH = 1_000;

    /**
     * Most nodes (keys included) the tree may hold, counting every copy a YAML alias stands for. Aliases are
     * shared, not copied, while parsing, but a consumer that walks or converts the tree sees every copy; a few
     * lines of nested aliases ("billion laughs") would otherwise stand for billions of nodes, and a flat list
     * of 16 MB of one-digit numbers for eight million. Templates within CloudFormation's own size limit have
     * well under a hundred thousand nodes.
     */
    public static final long MAX_NODES = 1_000_000;

    /** Longer digit strings stay text: converting them costs time that grows faster than their length. */
    static final int MAX_NUMBER_CHARS = 1_000;

    /** Parses a file; {@code displayName} is how the file is named in positions and errors. */
    public Template parse(Path file, String displayName) throws InputException {
        String name = displayName != null ? displayName : String.valueOf(file);
        return parse(name, read(file, name));
    }

    /**
     * Parses in-memory content; the format is chosen by content (JSON if it starts with '{' or '['), except that
     * a {@code .yaml}/{@code .yml} file that is not valid JSON is read as YAML.
     */
    public Template parse(String displayName, byte[] content) throws InputException {
        try {
            SourceText source = SourceText.decode(displayName, content);
            Template.Format format = source.format();
            Node root;
            if (format == Template.Format.JSON) {
                try {
                    root = JsonTreeReader.read(displayName, source.text());
                } catch (InputException notJson) {
                    // A .yaml file may open with a YAML flow mapping ({Resources: ...}) that is not JSON.
                    if (!isYamlName(displayName)) {
                        throw notJson;
                    }
                    format = Template.Format.YAML;
                    root = readYamlOr(displayName, source.text(), notJson);
                }
            } else {
                root = YamlTreeReader.read(displayName, source.text());
            }
            if (root == null) {
                throw new InputException(displayName, null, "file is empty (it holds only comments)");
            }
            return TemplateStructure.assemble(displayName, format, root);
        } catch (InputException e) {
            // Messages quote template text; whatever that text holds, the error must print as one line.
            throw Snippet.isOneLine(e.getMessage()) ? e
                    : new InputException(e.file(), e.line(), Snippet.oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    private static boolean isYamlName(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml");
    }

    /** Reads YAML, or throws {@code jsonError} if that fails too: the content looked like JSON first. */
    private static Node readYamlOr(String name, String text, InputException jsonError) {
        try {
            return YamlTreeReader.read(name, text);
        } catch (InputException notYamlEither) {
            throw jsonError;
        }
    }

    /** The file's bytes, checking its size before reading so a huge file is never loaded. */
    private static byte[] read(Path file, String name) {
        if (file == null) {
            throw new InputException(name, null, "no file given");
        }
        try {
            if (Files.isDirectory(file)) {
                throw new InputException(name, null, "is a directory, not a template file");
            }
            if (!Files.exists(file)) {
                throw new InputException(name, null, "file not found");
            }
            if (!Files.isRegularFile(file)) {
                throw new InputException(name, null, "not a regular file");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw SourceText.tooLarge(name, size);
            }
            try (InputStream in = Files.newInputStream(file)) {
                // The file may have grown since it was measured: read one byte past the limit to notice.
                byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw SourceText.tooLarge(name, bytes.length);
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new InputException(name, null, "file not found", e);
        } catch (AccessDeniedException e) {
            throw new InputException(name, null, "permission denied", e);
        } catch (IOException | SecurityException e) {
            throw new InputException(name, null, "cannot read file: " + e.getMessage(), e);
        }
    }
}
