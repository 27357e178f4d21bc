package dev.portcullis.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.portcullis.response.ResponseJson;

/** The CloudTrail change events under {@code fixtures/events/cloudtrail}. */
final class CloudTrailFixtures {

    private CloudTrailFixtures() {
    }

    static Path dir() {
        String root = System.getProperty("portcullis.root");
        return Path.of(root == null ? ".." : root, "fixtures", "events", "cloudtrail");
    }

    static String text(String name) {
        try {
            return Files.readString(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String name) {
        try {
            return ResponseJson.mapper().readTree(text(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> wellFormed() {
        return list(dir());
    }

    static List<Path> malformed() {
        return list(dir().resolve("malformed"));
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
