package dev.portcullis.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.portcullis.model.InputException;

/**
 * Where a rule came from: a file in a directory ({@code file}), or the catalog bundled in Portcullis
 * ({@code resource}, a class-path name such as {@code /dev/portcullis/rules/s3/x.rule.yaml}). {@code displayName}
 * is the name shown in messages ({@code rules/s3/x.rule.yaml}); {@code service} the folder the rule sits in.
 */
public record RuleSource(String displayName, String service, boolean bundled, Path file, String resource) {

    public RuleSource {
        if ((file == null) == (resource == null)) {
            throw new IllegalArgumentException("a rule comes from either a file or a class-path resource");
        }
    }

    static RuleSource ofFile(Path file, String displayName, String service, boolean bundled) {
        return new RuleSource(displayName, service, bundled, file, null);
    }

    static RuleSource ofResource(String resource, String displayName, String service) {
        return new RuleSource(displayName, service, true, null, resource);
    }

    /** The rule file's text. */
    public String text() {
        return read(file, resource, displayName).orElseThrow(() -> new InputException(displayName, null, "missing"));
    }

    /** The name of the annotated fixture beside the rule, as shown in messages. */
    public String fixtureDisplayName() {
        return sibling(displayName);
    }

    /** The fixture's text, if the rule has one. */
    public Optional<String> fixtureText() {
        return read(file == null ? null : file.resolveSibling(sibling(file.getFileName().toString())),
                resource == null ? null : sibling(resource), fixtureDisplayName());
    }

    public boolean hasFixture() {
        if (file != null) {
            return Files.isRegularFile(file.resolveSibling(sibling(file.getFileName().toString())));
        }
        return RuleSource.class.getResource(sibling(resource)) != null;
    }

    private static String sibling(String ruleName) {
        String base = ruleName.endsWith(RuleLoader.RULE_SUFFIX)
                ? ruleName.substring(0, ruleName.length() - RuleLoader.RULE_SUFFIX.length()) : ruleName;
        return base + RuleLoader.FIXTURE_SUFFIX;
    }

    private static Optional<String> read(Path file, String resource, String displayName) {
        if (file != null) {
            return Files.isRegularFile(file) ? Optional.of(RuleLoader.read(file, displayName)) : Optional.empty();
        }
        try (InputStream in = RuleSource.class.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InputException(displayName, null, "cannot read: " + e.getMessage());
        }
    }
}
