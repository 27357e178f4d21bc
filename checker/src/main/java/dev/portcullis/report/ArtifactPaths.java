package dev.portcullis.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How reports for code hosts name a file: relative to the directory the check ran in, with forward slashes,
 * because that is how SARIF consumers and GitHub annotations match a file to the repository. A file outside that
 * directory keeps its absolute form, since no relative name would mean the same file elsewhere.
 */
final class ArtifactPaths {

    private final Path root;

    /** @param root the directory names are relative to (the working directory of the run) */
    ArtifactPaths(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The root as a file URI ending in a slash, as SARIF's {@code originalUriBaseIds} requires. */
    String rootUri() {
        String uri = root.toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    /** The file relative to the root with forward slashes, or null when it is not under the root. */
    String relative(String file) {
        try {
            Path path = Path.of(file).toAbsolutePath().normalize();
            if (!path.startsWith(root) || path.equals(root)) {
                return null;
            }
            return root.relativize(path).toString().replace('\\', '/');
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** The name shown to people and code hosts: relative when possible, else the file as it was given. */
    String display(String file) {
        String relative = relative(file);
        return relative != null ? relative : file.replace('\\', '/');
    }

    /** An absolute file URI for a file outside the root, or the file's name as a URI reference if it is no path. */
    String absoluteUri(String file) {
        try {
            return Path.of(file).toAbsolutePath().normalize().toUri().toString();
        } catch (InvalidPathException e) {
            return encode(file.replace('\\', '/'));
        }
    }

    /**
     * Percent-encodes what may not appear in a URI path, keeping {@code /}. A colon in the first segment is
     * encoded too, or a relative reference would read as a scheme.
     */
    static String encode(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~/!$&'()*+,;=@".indexOf(c) >= 0;
            if (plain) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
