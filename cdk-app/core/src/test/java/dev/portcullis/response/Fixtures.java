package dev.portcullis.response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads the event fixtures under {@code fixtures/events/} of the repository. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path dir() {
        String root = System.getProperty("portcullis.root");
        Path base = root != null ? Path.of(root) : Path.of("../..");
        Path dir = base.resolve("fixtures/events");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("fixtures not found at " + dir.toAbsolutePath());
        }
        return dir;
    }

    public static String event(String name) {
        try {
            return Files.readString(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Well-formed events at the top of fixtures/events. */
    public static List<Path> wellFormed() {
        return list(dir());
    }

    /** Structurally malformed events in fixtures/events/malformed. */
    public static List<Path> malformed() {
        return list(dir().resolve("malformed"));
    }

    public static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON files of a directory, sorted. */
    public static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
