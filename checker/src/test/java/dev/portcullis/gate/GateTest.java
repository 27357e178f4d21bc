package dev.portcullis.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputError;
import dev.portcullis.resolve.Inputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private static CheckResult check(Inputs inputs, Path... paths) {
        List<String> names = java.util.Arrays.stream(paths).map(Path::toString).toList();
        return new Gate().check(new CheckRequest(names, inputs), Progress.NONE);
    }

    private static final String STAGED = """
            Parameters:
              Stage:
                Type: String
                AllowedValues: [dev, prod]
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  VersioningConfiguration: !If
                    - IsProd
                    - Status: Enabled
                    - Status: Sometimes
            """;

    @Test
    void aFindingThatHoldsInSomeScenariosSaysWhich() throws IOException {
        Path t = write("staged.yaml", STAGED);
        CheckResult result = check(Inputs.NONE, t);
        assertEquals(List.of(), result.errors());
        Finding f = only(result, "schema-invalid-enum");
        assertEquals("IsProd=false", f.scenario());
        assertEquals(14, f.line(), "points at the value inside the false branch");
        assertEquals("Bucket", f.resource());
        assertEquals("AWS::S3::Bucket", f.resourceType());
    }

    @Test
    void suppliedParametersDecideTheScenario() throws IOException {
        Path t = write("staged.yaml", STAGED);
        CheckResult dev = check(new Inputs(Map.of("Stage", "dev"), null, null), t);
        assertNull(only(dev, "schema-invalid-enum").scenario(), "only one scenario is left, so no label");
        CheckResult prod = check(new Inputs(Map.of("Stage", "prod"), null, null), t);
        assertTrue(prod.findings().stream().noneMatch(f -> f.ruleId().equals("schema-invalid-enum")));
    }

    @Test
    void aResourceThatExistsOnlyUnderAConditionIsLabelled() throws IOException {
        Path t = write("conditional.yaml", """
                Parameters:
                  Stage: {Type: String}
                Conditions:
                  IsProd: !Equals [!Ref Stage, prod]
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Condition: IsProd
                    Properties:
                      BucketEncrpytion: {}
                """);
        Finding f = only(check(Inputs.NONE, t), "schema-unknown-property");
        assertEquals("IsProd=true", f.scenario());
        assertEquals(10, f.line());
        assertEquals(7, f.column());
        assertEquals("Resources/Bucket/Properties/BucketEncrpytion", f.path());
    }

    @Test
    void badFilesAreErrorsAndTheOtherFilesAreStillChecked() throws IOException {
        Path bad = write("a-bad.yaml", "Resources:\n  X: [unclosed\n");
        Path good = write("b-good.yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Nope: 1\n");
        Path missing = dir.resolve("missing.yaml");
        CheckResult result = check(Inputs.NONE, bad, good, missing);
        assertEquals(2, result.errors().size(), result.errors().toString());
        assertEquals(bad.toString(), result.errors().get(0).file());
        assertEquals(missing.toString(), result.errors().get(1).file());
        assertEquals("no such file or directory", result.errors().get(1).message());
        assertFalse(result.hasInternalError());
        assertEquals(1, result.summary().templates());
        assertEquals(good.toString(), only(result, "schema-unknown-property").file());
    }

    @Test
    void aDirectoryScanPicksTemplatesAndSkipsOtherFilesQuietly() throws IOException {
        write("infra/app.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  T:\n    Type: AWS::SNS::Topic\n");
        write("infra/app.json", "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"}}}");
        write("infra/min.template", "{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Resources\":{}}");
        write(".github/workflows/ci.yml", "on: push\njobs: {}\n");
        write("k8s/deploy.yaml", "apiVersion: v1\nkind: Pod\n");
        write("package.json", "{\"name\": \"x\"}");
        write("notes.txt", "Resources: not a template extension\n");
        write("package-lock.json", "{\"name\": \"x\", \"packages\": {\"Resources\": {}}}");
        write("docs/config.yaml", "settings:\n  Resources: 3\n");
        write("node_modules/dep/t.yaml", "Resources:\n  T:\n    Type: AWS::SNS::Topic\n");
        CheckResult result = check(Inputs.NONE, dir);
        assertEquals(List.of(), result.errors());
        assertEquals(3, result.summary().templates());
        assertEquals(2, result.summary().resources());
    }

    @Test
    void aDirectoryScanSkipsTheRuleDirectoriesInUse() throws IOException {
        write("infra/app.yaml", "Resources:\n  T:\n    Type: AWS::SNS::Topic\n");
        // A rule's annotated fixture is insecure on purpose; it is checked by `rules test`, not by the scan.
        write("team-rules/topic-kms.test.yaml", "Resources:\n  T:\n    Type: AWS::SNS::Topic\n");
        List<String> names = List.of(dir.toString());
        CheckResult without = new Gate().check(new CheckRequest(names, Inputs.NONE), Progress.NONE);
        assertEquals(2, without.summary().templates(), "without --rules the fixture is a template like any other");

        RuleOptions rules = new RuleOptions(List.of(dir.resolve("team-rules").toString()), "default", List.of(),
                List.of());
        CheckResult with = new Gate().check(new CheckRequest(names, Inputs.NONE, rules), Progress.NONE);
        assertEquals(1, with.summary().templates(), with.findings().toString());
        assertTrue(with.findings().stream().noneMatch(f -> f.file().contains("team-rules")));
    }

    @Test
    void aBrokenJsonTemplateInADirectoryIsNotSkipped() throws IOException {
        write("stack.json", "{\"Resources\": {\"A\": {\"Type\": \"AWS::SNS::Topic\"}");
        CheckResult result = check(Inputs.NONE, dir);
        assertEquals(1, result.errors().size(), result.errors().toString());
        assertTrue(result.errors().get(0).file().endsWith("stack.json"));
    }

    @Test
    void aBrokenTemplateInADirectoryIsNotSkipped() throws IOException {
        write("stack.yaml", "Resources:\n  A:\n    Type: AWS::SNS::Topic\n  A:\n    Type: AWS::SNS::Topic\n");
        CheckResult result = check(Inputs.NONE, dir);
        assertEquals(1, result.errors().size());
        InputError e = result.errors().get(0);
        assertTrue(e.file().endsWith("stack.yaml"), e.file());
        assertTrue(e.message().contains("duplicate key"), e.message());
    }

    @Test
    void aFileNamedExplicitlyMustBeATemplate() throws IOException {
        Path notTemplate = write("ci.yml", "on: push\njobs: {}\n");
        CheckResult result = check(Inputs.NONE, notTemplate);
        assertEquals(1, result.errors().size());
        assertEquals(notTemplate.toString(), result.errors().get(0).file());
        assertEquals(0, result.summary().templates());
    }

    @Test
    void macrosAndUnexpandedLoopsAreNoted() throws IOException {
        Path t = write("macro.yaml", """
                Transform: [Count, AWS::LanguageExtensions]
                Parameters:
                  Names: {Type: CommaDelimitedList}
                Resources:
                  Fn::ForEach::Topics:
                    - Name
                    - !Ref Names
                    - Topic${Name}:
                        Type: AWS::SNS::Topic
                  Kept:
                    Type: AWS::SNS::Topic
                """);
        CheckResult result = check(Inputs.NONE, t);
        assertEquals(List.of(), result.errors());
        assertEquals(1, only(result, "macro-not-expanded").line());
        assertEquals(5, only(result, "foreach-not-expanded").line());
        CheckResult expanded = check(new Inputs(Map.of("Names", "A,B"), null, null), t);
        assertEquals(3, expanded.summary().resources());
    }

    private static Finding only(CheckResult result, String ruleId) {
        List<Finding> matching = result.findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
        assertEquals(1, matching.size(), ruleId + " in " + result.findings());
        return matching.get(0);
    }
}
