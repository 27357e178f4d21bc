package dev.portcullis.response.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.config.ResponseConfig;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * cfn-lint, a second opinion on the synthesized template: no errors, and no warning beyond those the CDK itself
 * causes and that change nothing. Skips, saying so, only when cfn-lint is not installed.
 */
class CfnLintTest {

    /**
     * W3005: the CDK adds an explicit DependsOn on a role that the resource also reaches through GetAtt, which is
     * redundant and harmless.
     */
    private static final Set<String> ACCEPTED_WARNINGS = Set.of("W3005");

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{backends: [network-firewall, waf, nacl], dry-run: false, sources: [guardduty],"
            + " flow-logs: {response: snapshot-and-terminate, vpc-ids: [vpc-0c1d2e3f4a5b6c7d8]},"
            + " audit: {own-roles: ['arn:aws:iam::123456789012:role/deploy-pipeline']},"
            + " notifications: {slack-webhook-secret: portcullis/slack}}"})
    void synthesizedTemplateHasNoCfnLintErrors(String configText) throws Exception {
        Path cfnLint = onPath("cfn-lint");
        Assumptions.assumeTrue(cfnLint != null, "cfn-lint is not installed (pip install cfn-lint): skipping the "
                + "cfn-lint check of the synthesized template");
        Path out = TestStacks.outputDirectory().resolve("cfn-lint");
        Files.createDirectories(out);
        Path template = Files.createTempFile(out, "response-stack", ".json");
        ResponseJson.mapper().writerWithDefaultPrettyPrinter().writeValue(template.toFile(),
                TestStacks.template(ResponseConfig.parse(configText, "test.yaml")).toJSON());

        Process process = new ProcessBuilder(cfnLint.toString(), "--format", "json", template.toString())
                .redirectErrorStream(false).start();
        byte[] stdout = process.getInputStream().readAllBytes();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("cfn-lint did not finish");
        }
        JsonNode matches = ResponseJson.mapper().readTree(stdout.length == 0 ? "[]".getBytes() : stdout);
        List<String> problems = new ArrayList<>();
        for (JsonNode match : matches) {
            String id = match.path("Rule").path("Id").asText();
            String level = match.path("Level").asText();
            if (level.equals("Error") || (level.equals("Warning") && !ACCEPTED_WARNINGS.contains(id))) {
                problems.add(level + " " + id + " " + match.path("Message").asText());
            }
        }
        assertEquals(List.of(), problems, stderr);
        assertEquals(0, process.exitValue() & 2, "cfn-lint's exit code reports errors: " + stderr);
    }

    private static Path onPath(String command) throws IOException {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
