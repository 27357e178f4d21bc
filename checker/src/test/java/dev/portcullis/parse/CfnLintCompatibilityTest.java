package dev.portcullis.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.portcullis.model.InputException;

/**
 * Our tree, written as long-form plain data, must equal what cfn-lint's decoder makes of the same file, for
 * the whole corpus and for two files of notation edge cases. All files go through one Python process.
 *
 * <p>Deliberate differences (only the first two change a result on the corpus):
 * <ul>
 *   <li>Templates with Rain directives ({@code !Rain::Embed}, {@code "Rain::Module": ...}) are rejected;
 *       cfn-lint reads {@code !Rain::Embed} as a function {@code Fn::Rain::Embed}.</li>
 *   <li>Files that decode but are not templates (no {@code Resources}, a top-level string) are rejected;
 *       cfn-lint's decoder leaves that to its rules.</li>
 *   <li>Mapping keys keep their source text: {@code 0755:} is the key "0755", {@code 1.50:} is "1.50", {@code Yes:}
 *       is "Yes" (cfn-lint converts keys to 493, 1.5, True).</li>
 *   <li>Timestamps stay text; the comparison writes cfn-lint's dates in ISO form, which equals the text only
 *       for plain dates such as {@code 2012-10-17} (the only form in the corpus).</li>
 *   <li>JSON numbers are numbers: cfn-lint reads JSON through its YAML 1.1 loader, which makes {@code 1e5}
 *       (an exponent without a dot) a string.</li>
 *   <li>Plain {@code =} and {@code <<} as values, and integers such as {@code 0b_} with no digit, are strings;
 *       cfn-lint fails on them. Duplicate keys in a mapping that also uses {@code <<} are still rejected.</li>
 * </ul>
 */
class CfnLintCompatibilityTest {

    private static final String SCRIPT = "cfnlint_decode.py";

    private final TemplateParser parser = new TemplateParser();

    @Test
    void treesEqualCfnLintDecode(@TempDir Path temp) throws Exception {
        Path script = temp.resolve(SCRIPT);
        try (InputStream in = getClass().getResourceAsStream(SCRIPT)) {
            Files.copy(in, script);
        }
        assumeCfnLint();

        List<Path> files = new ArrayList<>(TestData.templates(TestData.awsTemplates()));
        files.addAll(TestData.templates(TestData.cfnNag()));
        files.add(resource("yaml-1.1-scalars.yaml"));
        files.add(resource("json-scalars.json"));
        Map<String, Object> cfnLint = decodeWithCfnLint(script, files, temp);

        List<String> problems = new ArrayList<>();
        int compared = 0;
        for (Path file : files) {
            String name = file.toString();
            Object theirs = cfnLint.get(name);
            if (theirs == null) {
                problems.add(name + ": no result from cfn-lint");
                continue;
            }
            Object ours;
            try {
                ours = PlainTrees.normalize(parser.parse(file, name).root().toPlain());
            } catch (InputException e) {
                boolean deliberate = TestData.read(file).contains("Rain::")
                        || e.getMessage().startsWith("no Resources section")
                        || e.getMessage().startsWith("top-level value is");
                if (theirs instanceof Decoded && !deliberate) {
                    problems.add(name + ": we reject what cfn-lint decodes: " + e.getMessage());
                }
                continue;
            }
            if (theirs instanceof Decoded decoded) {
                String difference = PlainTrees.firstDifference(decoded.tree(), ours, "");
                if (difference != null) {
                    problems.add(name + ": " + difference);
                }
                compared++;
            } else {
                problems.add(name + ": cfn-lint fails (" + theirs + ") but we parse it");
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(compared > 950, "templates compared: " + compared);
    }

    /** Runs the decoder script over every file; each path maps to a {@link Decoded} tree or an error text. */
    private static Map<String, Object> decodeWithCfnLint(Path script, List<Path> files, Path temp)
            throws IOException, InterruptedException {
        Path list = temp.resolve("files.txt");
        Files.write(list, files.stream().map(Path::toString).toList());
        Process python = new ProcessBuilder("python3", script.toString())
                .redirectInput(list.toFile())
                .redirectError(temp.resolve("stderr.txt").toFile())
                .start();
        Map<String, Object> out = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> result = (Map<String, Object>) PlainTrees.readJson(line);
                String path = (String) result.get("path");
                out.put(path, result.containsKey("tree") ? new Decoded(result.get("tree")) : result.get("errors"));
            }
        }
        assertTrue(python.waitFor(5, TimeUnit.MINUTES), "cfn-lint decoder did not finish");
        assertEquals(0, python.exitValue(), () -> "cfn-lint decoder failed: " + TestData.read(temp.resolve("stderr.txt")));
        return out;
    }

    private static void assumeCfnLint() {
        String why;
        try {
            Process probe = new ProcessBuilder("python3", "-c", "import cfnlint.decode")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            why = probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0 ? null : output.strip();
        } catch (IOException e) {
            why = "python3 not found: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted";
        }
        String reason = why;
        Assumptions.assumeTrue(reason == null, () -> "skipped: python3 with cfn-lint is not available (" + reason + ")");
    }

    private Path resource(String name) throws Exception {
        return Path.of(getClass().getResource(name).toURI());
    }

    /** A tree cfn-lint decoded, told apart from its error list. */
    private record Decoded(Object tree) {
    }
}
