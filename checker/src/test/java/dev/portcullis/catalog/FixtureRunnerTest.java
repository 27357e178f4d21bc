package dev.portcullis.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The annotated-fixture runner: the set of reported lines must equal the annotated set, UNKNOWN included. */
class FixtureRunnerTest {

    @TempDir
    Path dir;

    private static final String RULE = """
            id: topic-encrypted
            title: Topics are encrypted
            severity: medium
            resourceTypes: [AWS::SNS::Topic]
            assert:
              matches: {path: KmsMasterKeyId, pattern: "alias/.+"}
            message: "{resource} is not encrypted"
            remediation: Set KmsMasterKeyId.
            rationale: Encrypt messages at rest.
            """;

    private static final String FIXTURE = """
            Parameters:
              Key: {Type: String}
            Resources:
              # ruleid: topic-encrypted
              Plain:
                Type: AWS::SNS::Topic
              # ok: topic-encrypted
              Encrypted:
                Type: AWS::SNS::Topic
                Properties: {KmsMasterKeyId: alias/aws/sns}
              FromParameter:
                Type: AWS::SNS::Topic
                Properties:
                  # unknown: topic-encrypted
                  KmsMasterKeyId: !Ref Key
            """;

    private FixtureOutcome run(String fixture) throws IOException {
        Path sns = Files.createDirectories(dir.resolve("sns"));
        Files.writeString(sns.resolve("topic-encrypted.rule.yaml"), RULE);
        Files.writeString(sns.resolve("topic-encrypted.test.yaml"), fixture);
        Catalog catalog = TestCatalog.bundled().withUserRules(List.of(dir));
        assertEquals(List.of(), catalog.errors());
        return FixtureRunner.run(catalog.rule("topic-encrypted").orElseThrow());
    }

    @Test
    void matchingAnnotationsPass() throws IOException {
        FixtureOutcome outcome = run(FIXTURE);
        assertTrue(outcome.passed(), outcome.problems().toString());
    }

    @Test
    void aMissedFindingAndAnUnexpectedOneAreBothNamed() throws IOException {
        FixtureOutcome outcome = run(FIXTURE.replace("  # ruleid: topic-encrypted\n  Plain:", "  Plain:")
                .replace("  # ok: topic-encrypted\n  Encrypted:", "  # ruleid: topic-encrypted\n  # ok: topic-encrypted\n  Encrypted:"));
        assertEquals(List.of("line 8: expected a finding, none reported",
                "line 4: unexpected finding: Plain is not encrypted"), outcome.problems());
    }

    @Test
    void unknownAnnotationsAreCheckedWhenPresent() throws IOException {
        FixtureOutcome outcome = run(FIXTURE.replace("      # unknown: topic-encrypted\n", "")
                .replace("  FromParameter:", "  # unknown: topic-encrypted\n  FromParameter:"));
        assertEquals(List.of("line 12: expected an UNKNOWN result, none reported",
                "line 15: unexpected UNKNOWN result: KmsMasterKeyId is not determined by the template "
                        + "(parameter Key has no default)"), outcome.problems());
    }

    @Test
    void aFixtureWithoutBothKindsOfAnnotationFails() throws IOException {
        FixtureOutcome outcome = run(FIXTURE.replace("# ok: topic-encrypted", "# nothing"));
        assertTrue(outcome.problems().stream().anyMatch(p -> p.startsWith("no '# ok: topic-encrypted'")),
                outcome.problems().toString());
    }
}
