package dev.portcullis.response.infra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.config.ResponseConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** cdk-nag's AwsSolutions pack over the stack in several configurations: no error left without a written reason. */
class NagTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{backends: [network-firewall, waf, nacl], dry-run: false,"
                    + " flow-logs: {response: snapshot-and-terminate, vpc-ids: [vpc-0c1d2e3f4a5b6c7d8]},"
                    + " audit: {own-roles: ['arn:aws:iam::123456789012:role/deploy-pipeline']}}",
            "{backends: [nacl], notifications: {sns-topic-arn: 'arn:aws:sns:us-east-1:123456789012:alerts',"
                    + " slack-webhook-secret: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:slack-AbCdEf'}}"})
    void noUnsuppressedErrorsAndEverySuppressionHasAReason(String configText) {
        ResponseStack stack = TestStacks.synth(ResponseConfig.parse(configText, "test.yaml"), true);
        // Each throws listing the findings, if any: errors, and the pack's warnings (none is accepted silently).
        Annotations.fromStack(stack).hasNoError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        Annotations.fromStack(stack).hasNoWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));

        JsonNode template = ResponseJson.mapper().valueToTree(Template.fromStack(stack).toJSON());
        int suppressions = 0;
        for (JsonNode resource : template.path("Resources")) {
            for (JsonNode rule : resource.path("Metadata").path("cdk_nag").path("rules_to_suppress")) {
                suppressions++;
                assertTrue(rule.path("reason").asText().length() >= 40,
                        "suppression " + rule + " needs a written reason");
                assertFalse(rule.path("id").asText().isEmpty());
            }
        }
        assertTrue(suppressions > 0, "the exemptions are applied where the findings are");
    }
}
