package dev.portcullis.response.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared event fixtures at the repository root ({@code fixtures/events}), located by surefire. */
final class Fixtures {
    private Fixtures() {
    }

    static Path events() {
        String root = System.getProperty("portcullis.fixtures");
        Path dir = root != null ? Path.of(root, "events") : Path.of("../../fixtures/events");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("fixtures/events not found at " + dir.toAbsolutePath());
        }
        return dir;
    }

    static String event(String name) {
        try {
            return Files.readString(events().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> malformed() {
        try (Stream<Path> files = Files.list(events().resolve("malformed"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
