package dev.portcullis.response.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.gate.CheckRequest;
import dev.portcullis.gate.Gate;
import dev.portcullis.gate.Progress;
import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputError;
import dev.portcullis.model.Severity;
import dev.portcullis.resolve.Inputs;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.config.ResponseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `portcullis check` on our own synthesized template: it evaluates, and nothing high or critical is found. */
class GateTest {

    private static final Set<Severity> BLOCKING = Set.of(Severity.CRITICAL, Severity.HIGH);

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{backends: [network-firewall, waf, nacl], dry-run: false,"
            + " flow-logs: {response: snapshot-and-terminate, vpc-ids: [vpc-0c1d2e3f4a5b6c7d8]},"
            + " audit: {own-roles: ['arn:aws:iam::123456789012:role/deploy-pipeline']},"
            + " notifications: {slack-webhook-secret: portcullis/slack}}"})
    void synthesizedTemplatePassesTheGate(String configText) throws Exception {
        Path out = TestStacks.outputDirectory().resolve("gate");
        Files.createDirectories(out);
        Path template = Files.createTempFile(out, "response-stack", ".template.json");
        ResponseJson.mapper().writerWithDefaultPrettyPrinter().writeValue(template.toFile(),
                TestStacks.template(ResponseConfig.parse(configText, "test.yaml")).toJSON());

        CheckResult result = new Gate().check(new CheckRequest(List.of(template.toString()), Inputs.NONE),
                Progress.NONE);

        assertEquals(List.of(), result.errors().stream().map(InputError::oneLine).toList(),
                "the template must evaluate (fail closed otherwise)");
        List<Finding> blocking = result.findings().stream().filter(f -> BLOCKING.contains(f.severity())).toList();
        assertEquals(List.of(), blocking);
        assertEquals(1, result.summary().templates(), "the template was read and evaluated");
        assertTrue(result.summary().resources() > 50, "every resource was evaluated: " + result.summary());
    }
}
