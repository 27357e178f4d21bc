package dev.portcullis.parse;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the parser tests find the shared corpus and the project's bad-input fixtures. */
final class TestData {

    private TestData() {
    }

    static Path shared() {
        return property("portcullis.shared");
    }

    static Path awsTemplates() {
        return shared().resolve("corpus/aws-cloudformation-templates");
    }

    static Path cfnNag() {
        return shared().resolve("corpus/cfn-nag");
    }

    static Path badInput(String name) {
        return property("portcullis.root").resolve("fixtures/bad-input").resolve(name);
    }

    /** Every JSON/YAML file under {@code root}, sorted, so failures list in a stable order. */
    static List<Path> templates(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches(".*\\.(json|yaml|yml|template)$"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path relative to {@code root} with forward slashes, e.g. {@code yaml/sam/globals.yml}. */
    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static Path property(String name) {
        String value = System.getProperty(name);
        assertNotNull(value, "system property " + name + " is not set (surefire sets it in checker/pom.xml)");
        return Path.of(value).toAbsolutePath().normalize();
    }
}
