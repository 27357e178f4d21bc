package dev.portcullis.report;

import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines of the files findings point into, each file read at most once. A file that cannot be read
 * again (moved, not UTF-8, a name that is not a path) simply has no lines: the frame is a courtesy.
 */
final class SourceFiles {

    /** Larger files are not read back just to show a few lines of them. */
    private static final long MAX_BYTES = 16L * 1024 * 1024;

    private final Map<String, List<String>> cache = new HashMap<>();

    /** The 1-based {@code line} of {@code file}, or null when unavailable. */
    String line(String file, int line) {
        List<String> lines = cache.computeIfAbsent(file, SourceFiles::read);
        return line >= 1 && line <= lines.size() ? TerminalText.printable(lines.get(line - 1)) : null;
    }

    private static List<String> read(String file) {
        try {
            Path path = Path.of(file);
            if (!Files.isRegularFile(path) || Files.size(path) > MAX_BYTES) {
                return List.of();
            }
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path)))
                    .toString();
            // A byte-order mark is not part of the first line as the parser counts columns.
            return (text.startsWith("\uFEFF") ? text.substring(1) : text).lines().toList();
        } catch (IOException | InvalidPathException e) {
            return List.of();
        }
    }
}
