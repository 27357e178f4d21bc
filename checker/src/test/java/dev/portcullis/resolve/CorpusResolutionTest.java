package dev.portcullis.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.portcullis.model.InputException;
import dev.portcullis.model.Resource;
import dev.portcullis.model.Template;
import dev.portcullis.parse.TemplateParser;

/**
 * Plans and resolves every resource of the AWS sample templates in every scenario. The samples deploy, so
 * the resolver must not reject them; the few it does are listed with the reason CloudFormation would too.
 */
class CorpusResolutionTest {

    @Test
    void everySampleResolvesInEveryScenario() throws IOException {
        Path root = Templates.shared("corpus/aws-cloudformation-templates");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().matches(".*\\.(yaml|yml|json|template)$")).sorted().toList();
        }
        Inputs inputs = new Inputs(Map.of(), "us-east-1", "123456789012");
        List<String> rejected = new ArrayList<>();
        int resolved = 0;
        for (Path file : files) {
            Template parsed;
            try {
                parsed = new TemplateParser().parse(file, root.relativize(file).toString());
            } catch (InputException e) {
                continue; // not a template (the parser's tests cover these)
            }
            try {
                Template t = LanguageExtensions.expand(parsed, inputs).template();
                Resolver r = new Resolver(t, inputs);
                for (Resource resource : t.resources().values()) {
                    ScenarioPlan plan = r.plan(resource);
                    assertTrue(plan.scenarios().size() <= 2 + 2 * 64);
                    for (Scenario s : plan.scenarios()) {
                        r.exists(resource, s);
                        r.resolve(resource.node(), s);
                    }
                    resolved++;
                }
            } catch (InputException e) {
                rejected.add(e.toError().oneLine());
            }
        }
        assertTrue(resolved > 1000, "resolved " + resolved + " resources");
        assertEquals(List.of(), rejected);
    }
}
