package dev.portcullis.resolve;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.portcullis.model.Template;
import dev.portcullis.parse.TemplateParser;

/** Test templates: YAML snippets and files of the shared corpus, read with the real parser. */
final class Templates {

    private Templates() {
    }

    static Template yaml(String text) {
        return new TemplateParser().parse("t.yaml", text.getBytes(StandardCharsets.UTF_8));
    }

    static Path shared(String relative) {
        String root = System.getProperty("portcullis.shared");
        if (root == null) {
            throw new IllegalStateException("system property portcullis.shared is not set (run the tests with Maven)");
        }
        return Path.of(root).resolve(relative);
    }

    static Template corpus(String relative) {
        Path path = shared("corpus/aws-cloudformation-templates/" + relative);
        return new TemplateParser().parse(path, path.getFileName().toString());
    }
}
