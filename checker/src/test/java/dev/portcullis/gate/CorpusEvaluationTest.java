package dev.portcullis.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.portcullis.model.CheckResult;
import dev.portcullis.model.InputError;
import dev.portcullis.resolve.Inputs;
import org.junit.jupiter.api.Test;

/**
 * The whole shared corpus through the façade, as {@code portcullis check DIR} runs it: every deployable AWS sample
 * evaluates without error, and the deliberately broken cfn_nag inputs fail closed.
 */
class CorpusEvaluationTest {

    private static Path shared() {
        String dir = System.getProperty("portcullis.shared");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "corpus")), "shared corpus not available");
        return Path.of(dir, "corpus");
    }

    private static CheckResult check(String... paths) {
        return new Gate().check(new CheckRequest(List.of(paths), Inputs.NONE), Progress.NONE);
    }

    @Test
    void everyDeployableAwsSampleEvaluatesWithoutError() throws IOException {
        Path corpus = shared().resolve("aws-cloudformation-templates");
        CheckResult result = check(corpus.toString());

        Set<String> rainSources = new TreeSet<>();
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                if (new String(Files.readAllBytes(f), StandardCharsets.UTF_8).contains("Rain::")) {
                    rainSources.add(corpus.toString() + "/" + corpus.relativize(f));
                }
            }
        }
        Set<String> unexpected = new TreeSet<>();
        for (InputError e : result.errors()) {
            if (!rainSources.contains(e.file())) {
                unexpected.add(e.oneLine());
            }
        }
        assertEquals(Set.of(), unexpected, "templates that failed to evaluate");
        assertTrue(result.summary().templates() >= 296 - rainSources.size() - 9,
                "templates evaluated: " + result.summary().templates());
        assertTrue(result.errors().stream().noneMatch(InputError::internal), "no internal errors");
    }

    @Test
    void deliberatelyBrokenCfnNagInputsFailClosed() {
        Path cfnNag = shared().resolve("cfn-nag");
        for (String broken : List.of("yaml/vulgar_bad_syntax.yml", "json/structural/rubbish.json",
                "json/structural/no_resources.json", "yaml/ignore_fatal/non_cfn.yml")) {
            String file = cfnNag.resolve(broken).toString();
            CheckResult result = check(file);
            assertEquals(1, result.errors().size(), broken + ": " + result.errors());
            InputError error = result.errors().get(0);
            assertEquals(file, error.file());
            assertTrue(!error.internal(), broken + " is bad input, not an internal error: " + error.message());
        }
    }

    @Test
    void everyCfnNagTemplateEvaluatesOrFailsAsInputError() {
        CheckResult result = check(shared().resolve("cfn-nag").toString());
        assertTrue(result.errors().stream().noneMatch(InputError::internal),
                () -> result.errors().stream().filter(InputError::internal).map(InputError::oneLine)
                        .collect(Collectors.joining("\n")));
        assertTrue(result.summary().templates() > 650, "templates evaluated: " + result.summary().templates());
    }
}
