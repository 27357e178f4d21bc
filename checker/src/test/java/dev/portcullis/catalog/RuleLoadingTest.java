package dev.portcullis.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.portcullis.model.InputError;
import org.junit.jupiter.api.Test;

/** Malformed rule files: every problem names the file and the line, and none crashes the loader. */
class RuleLoadingTest {

    private static final String VALID = """
            id: my-rule
            title: Buckets are versioned
            severity: medium
            resourceTypes: [AWS::S3::Bucket]
            assert:
              equals: {path: VersioningConfiguration.Status, value: Enabled}
            message: "{resource} is not versioned"
            remediation: Turn versioning on.
            rationale: Versions can be restored.
            """;

    /** The only error of loading {@code yaml}. */
    private static InputError error(String yaml) {
        RuleLoader.Loaded loaded = Rules.load(yaml, CheckRegistry.EMPTY);
        assertNull(loaded.rule(), "the rule must not load");
        assertTrue(!loaded.errors().isEmpty());
        InputError e = loaded.errors().get(0);
        assertEquals("test/my-rule.rule.yaml", e.file());
        return e;
    }

    @Test
    void aValidRuleLoadsWithItsMetadata() {
        Rule rule = Rules.rule(VALID + "controls: [S3.14, \"CIS-AWS-1.4:2.1.3\", \"NIST-800-53:CP-9\"]\n");
        assertEquals("my-rule", rule.id());
        assertEquals(List.of("S3.14"), rule.controls(ControlFramework.FSBP));
        assertEquals(List.of("CIS-AWS-1.4:2.1.3"), rule.controls(ControlFramework.CIS_AWS));
        assertEquals(List.of("NIST-800-53:CP-9"), rule.controls(ControlFramework.NIST_800_53));
    }

    @Test
    void aRuleDeclaresItsRuntimeResponse() {
        assertNull(Rules.rule(VALID).revert(), "no response: notify only");
        Rule rule = Rules.rule(VALID + "response:\n  revert: restore-public-access-block\n");
        assertEquals(Revert.RESTORE_PUBLIC_ACCESS_BLOCK, rule.revert());
        InputError e = error(VALID + "response:\n  revert: delete-bucket\n");
        assertTrue(e.message().contains("revert"), e.message());
        assertTrue(error(VALID + "response: {}\n").message().contains("revert"));
    }

    @Test
    void brokenYamlNamesTheLine() {
        InputError e = error(VALID.replace("severity: medium", "severity: [medium"));
        assertTrue(e.line() != null && e.line() >= 3, e.oneLine());
        assertTrue(e.message().startsWith("not valid YAML"), e.message());
    }

    @Test
    void anUnknownOperatorIsASchemaErrorAtItsLine() {
        InputError e = error(VALID.replace("equals: {path", "equal: {path"));
        assertEquals(6, e.line());
        assertTrue(e.message().contains("equal"), e.message());
    }

    @Test
    void aMissingRequiredFieldIsReported() {
        InputError e = error(VALID.replace("remediation: Turn versioning on.\n", ""));
        assertTrue(e.message().contains("remediation"), e.message());
    }

    @Test
    void everyTypeIsAStarThatStandsAlone() {
        Rule any = Rules.rule(VALID.replace("[AWS::S3::Bucket]", "[\"*\"]"));
        assertTrue(any.anyType() && any.appliesTo("AWS::IoT::Thing") && any.appliesTo("Custom::Anything"));
        Rule buckets = Rules.rule(VALID);
        assertTrue(!buckets.anyType() && buckets.appliesTo("AWS::S3::Bucket") && !buckets.appliesTo("AWS::SNS::Topic"));
        InputError mixed = error(VALID.replace("[AWS::S3::Bucket]", "[\"*\", AWS::S3::Bucket]"));
        assertEquals(4, mixed.line());
        assertTrue(mixed.message().contains("stands alone"), mixed.message());
        assertEquals(4, error(VALID.replace("[AWS::S3::Bucket]", "[\"AWS::S3::*\"]")).line(), "no partial wildcards");
    }

    @Test
    void aBadSeverityIsReportedAtItsLine() {
        assertEquals(3, error(VALID.replace("severity: medium", "severity: urgent")).line());
    }

    @Test
    void aControlOfNoKnownFormIsRejected() {
        assertEquals(10, error(VALID + "controls: [\"CIS 4.1\"]\n").line());
    }

    @Test
    void aBadRegularExpressionIsReportedAtItsLine() {
        InputError e = error(VALID.replace("equals: {path: VersioningConfiguration.Status, value: Enabled}",
                "matches:\n    path: Name\n    pattern: \"[a-\""));
        assertEquals(8, e.line());
        assertTrue(e.message().startsWith("bad regular expression"), e.message());
    }

    @Test
    void aBadPathIsReportedAtItsLine() {
        InputError e = error(VALID.replace("VersioningConfiguration.Status", "Versioning..Status"));
        assertEquals(6, e.line());
        assertTrue(e.message().startsWith("bad path"), e.message());
    }

    @Test
    void theIdMustEqualTheFileName() {
        RuleLoader.Loaded loaded = new RuleLoader(Rules.schema(), CheckRegistry.EMPTY).compile(
                YamlDocument.parse(VALID, "x"), "other-name.rule.yaml",
                RuleSource.ofResource("/x/other-name.rule.yaml", "x/other-name.rule.yaml", "x"));
        assertNull(loaded.rule());
        assertEquals(1, loaded.errors().get(0).line());
        assertTrue(loaded.errors().get(0).message().contains("other-name.rule.yaml"));
    }

    @Test
    void anUnknownPlaceholderIsReported() {
        InputError e = error(VALID.replace("{resource} is not versioned", "{resource} has {colour}"));
        assertEquals(7, e.line());
        assertTrue(e.message().contains("{colour}"), e.message());
    }

    @Test
    void assertAndCheckAreExclusive() {
        error(VALID + "check: iam.wildcard-action\n");
        error(VALID.replace("assert:\n  equals: {path: VersioningConfiguration.Status, value: Enabled}\n", ""));
    }

    @Test
    void anUnknownJavaCheckIsReportedAtItsLine() {
        InputError e = error(VALID.replace("assert:\n  equals: {path: VersioningConfiguration.Status, value: Enabled}\n",
                "check: iam.no-such-check\n"));
        assertEquals(5, e.line());
        assertTrue(e.message().contains("iam.no-such-check"), e.message());
    }

    @Test
    void duplicateKeysAreRejected() {
        InputError e = error(VALID + "severity: low\n");
        assertEquals(10, e.line());
        assertTrue(e.message().contains("duplicate"), e.message());
    }

    @Test
    void pathsParseOrExplainWhyNot() {
        assertTrue(RulePath.parse("A.B[0].C[*]").isWildcard());
        assertTrue(RulePath.parse("@Metadata.Owner").isAttribute());
        assertEquals("Tags['aws:cdk']", RulePath.parse("Tags['aws:cdk']").text());
        for (String bad : List.of("", "A.", "A[x]", "A[", ".A", "@", "A B")) {
            assertThrows(IllegalArgumentException.class, () -> RulePath.parse(bad), bad);
        }
    }
}
