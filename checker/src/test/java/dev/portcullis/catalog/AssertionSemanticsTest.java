package dev.portcullis.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.portcullis.engine.TemplateEvaluation;
import dev.portcullis.model.Finding;
import org.junit.jupiter.api.Test;

/** The rule language's operators, three-valued logic and finding positions, through the real engine. */
class AssertionSemanticsTest {

    private static List<Integer> lines(List<Finding> findings) {
        return findings.stream().map(Finding::line).toList();
    }

    private static TemplateEvaluation run(Rule rule, String resources) {
        return Rules.run(rule, "Parameters:\n  Open: {Type: String}\nResources:\n" + resources);
    }

    @Test
    void aMissingPropertyFailsAtTheResourceKeyAndAPresentOnePasses() {
        Rule rule = Rules.bucketRule("exists: VersioningConfiguration.Status");
        TemplateEvaluation e = run(rule, """
                  Bare:
                    Type: AWS::S3::Bucket
                  Versioned:
                    Type: AWS::S3::Bucket
                    Properties:
                      VersioningConfiguration: {Status: Enabled}
                """);
        assertEquals(List.of(4), lines(e.findings()));
        Finding f = e.findings().get(0);
        assertEquals("Bare", f.resource());
        assertEquals("Resources/Bare/Properties/VersioningConfiguration/Status", f.path());
        assertEquals("Bare at VersioningConfiguration.Status is (not set)", f.message());
        assertEquals(List.of(), e.unknown());
    }

    @Test
    void anEmptyYamlValueCountsAsNotSet() {
        TemplateEvaluation exists = run(Rules.bucketRule("exists: VersioningConfiguration"), """
                  Empty:
                    Type: AWS::S3::Bucket
                    Properties:
                      VersioningConfiguration:
                """);
        assertEquals(1, exists.findings().size(), "an empty value does not satisfy exists");
        TemplateEvaluation absent = run(Rules.bucketRule("absent: VersioningConfiguration"), """
                  Empty:
                    Type: AWS::S3::Bucket
                    Properties:
                      VersioningConfiguration:
                """);
        assertEquals(List.of(), absent.findings(), "an empty value is absent");
    }

    @Test
    void equalsIsLenientLikeCloudFormationButStringsAreExact() {
        Rule rule = Rules.bucketRule("""
                all:
                  - equals: {path: A, value: true}
                  - equals: {path: B, value: 443}
                  - equals: {path: C, value: Enabled}
                """);
        TemplateEvaluation e = run(rule, """
                  Lenient:
                    Type: AWS::S3::Bucket
                    Properties: {A: "true", B: "443", C: Enabled}
                  Strict:
                    Type: AWS::S3::Bucket
                    Properties:
                      A: TRUE
                      B: 443.0
                      C: enabled
                """);
        assertEquals(List.of(12), lines(e.findings()), "only the case-different string fails");
        assertEquals("Strict at C is enabled", e.findings().get(0).message());
    }

    @Test
    void aParameterWithoutDefaultIsUnknownExceptForExistence() {
        Rule equalsRule = Rules.bucketRule("equals: {path: VersioningConfiguration.Status, value: Enabled}");
        String bucket = """
                  FromParameter:
                    Type: AWS::S3::Bucket
                    Properties:
                      VersioningConfiguration:
                        Status: !Ref Open
                """;
        TemplateEvaluation e = run(equalsRule, bucket);
        assertEquals(List.of(), e.findings());
        assertEquals(List.of(8), lines(e.unknown()));
        assertTrue(e.unknown().get(0).message().contains("Open"), e.unknown().get(0).message());
        assertEquals(List.of(), run(Rules.bucketRule("exists: VersioningConfiguration.Status"), bucket).unknown());
        assertEquals(List.of(8), lines(run(Rules.bucketRule("absent: VersioningConfiguration.Status"), bucket)
                .findings()));
    }

    @Test
    void aResourceReferenceIsUnknownToEqualsButNeverAWorldOpenCidr() {
        String bucket = """
                  Other:
                    Type: AWS::S3::Bucket
                  Referencing:
                    Type: AWS::S3::Bucket
                    Properties:
                      Name: !Ref Other
                """;
        TemplateEvaluation equals = run(Rules.bucketRule("equals: {path: Name, value: x}"), bucket);
        assertEquals(List.of(9), lines(equals.unknown()));
        assertEquals(List.of(4), lines(equals.findings()), "the bucket without Name is not equal");
        TemplateEvaluation open = run(Rules.bucketRule("not: {cidrOpen: Name}"), bucket);
        assertEquals(List.of(), open.findings());
        assertEquals(List.of(), open.unknown());
    }

    @Test
    void kleeneLogicKeepsUnknownApartFromFail() {
        String bucket = """
                  Mixed:
                    Type: AWS::S3::Bucket
                    Properties: {Known: bad, Unset: !Ref Open}
                """;
        TemplateEvaluation all = run(Rules.bucketRule("""
                all:
                  - equals: {path: Known, value: good}
                  - equals: {path: Unset, value: good}
                """), bucket);
        assertEquals(1, all.findings().size(), "FAIL and UNKNOWN is FAIL");
        assertEquals(List.of(), all.unknown());
        TemplateEvaluation any = run(Rules.bucketRule("""
                any:
                  - equals: {path: Known, value: good}
                  - equals: {path: Unset, value: good}
                """), bucket);
        assertEquals(List.of(), any.findings(), "FAIL or UNKNOWN is UNKNOWN");
        assertEquals(1, any.unknown().size());
        TemplateEvaluation passing = run(Rules.bucketRule("""
                any:
                  - equals: {path: Known, value: bad}
                  - equals: {path: Unset, value: good}
                """), bucket);
        assertEquals(List.of(), passing.findings(), "PASS or UNKNOWN is PASS");
        assertEquals(List.of(), passing.unknown());
        TemplateEvaluation not = run(Rules.bucketRule("not: {equals: {path: Unset, value: good}}"), bucket);
        assertEquals(1, not.unknown().size());
    }

    @Test
    void eachReportsEveryFailingElementAndHoldsForAMissingList() {
        Rule rule = Rules.bucketRule("""
                each:
                  path: Rules
                  assert: {equals: {path: Status, value: Enabled}}
                """);
        TemplateEvaluation e = run(rule, """
                  Listed:
                    Type: AWS::S3::Bucket
                    Properties:
                      Rules:
                        - Status: Disabled
                        - Status: Enabled
                        - Id: no-status
                  NoList:
                    Type: AWS::S3::Bucket
                """);
        assertEquals(List.of(8, 10), lines(e.findings()), "the wrong value's key, and the element lacking it");
        assertEquals("Resources/Listed/Properties/Rules/0/Status", e.findings().get(0).path());
        assertEquals("Listed at Rules[0].Status is Disabled", e.findings().get(0).message());
    }

    @Test
    void someFailsAtTheResourceKeyWhenNoElementQualifiesOrTheListIsMissing() {
        Rule rule = Rules.bucketRule("""
                some:
                  path: Rules
                  assert: {equals: {path: Status, value: Enabled}}
                """);
        TemplateEvaluation e = run(rule, """
                  NoneEnabled:
                    Type: AWS::S3::Bucket
                    Properties:
                      Rules:
                        - Status: Disabled
                  OneEnabled:
                    Type: AWS::S3::Bucket
                    Properties:
                      Rules: [{Status: Disabled}, {Status: Enabled}]
                  NoList:
                    Type: AWS::S3::Bucket
                """);
        assertEquals(List.of(4, 13), lines(e.findings()));
    }

    @Test
    void aWildcardLeafQuantifiesOverElementsThatHaveTheProperty() {
        String buckets = """
                  Mixed:
                    Type: AWS::S3::Bucket
                    Properties:
                      Rules:
                        - Cidr: 10.0.0.0/8
                        - Other: x
                        - Cidr: 0.0.0.0/0
                  NoList:
                    Type: AWS::S3::Bucket
                  OnlyElementLacksIt:
                    Type: AWS::S3::Bucket
                    Properties:
                      Rules: [{Other: x}]
                """;
        TemplateEvaluation notOpen = run(Rules.bucketRule("notEquals: {path: \"Rules[*].Cidr\", value: 0.0.0.0/0}"),
                buckets);
        assertEquals(List.of(10), lines(notOpen.findings()), "elements without Cidr are skipped; no list passes");
        TemplateEvaluation exists = run(Rules.bucketRule("exists: \"Rules[*].Cidr\""), buckets);
        assertEquals(List.of(9, 16), lines(exists.findings()), "exists fails at the element that lacks it");
    }

    @Test
    void whenDecidesApplicability() {
        Rule rule = Rules.bucketRule("equals: {path: Kind, value: archive}", "equals: {path: Retain, value: true}");
        TemplateEvaluation e = run(rule, """
                  NotApplicable:
                    Type: AWS::S3::Bucket
                    Properties: {Kind: web}
                  Applicable:
                    Type: AWS::S3::Bucket
                    Properties: {Kind: archive, Retain: false}
                  Undecided:
                    Type: AWS::S3::Bucket
                    Properties: {Kind: !Ref Open, Retain: false}
                  UndecidedButCompliant:
                    Type: AWS::S3::Bucket
                    Properties: {Kind: !Ref Open, Retain: true}
                """);
        assertEquals(List.of(9), lines(e.findings()));
        assertEquals(List.of(12), lines(e.unknown()), "a failing rule whose applicability is unknown is UNKNOWN");
        assertTrue(e.unknown().get(0).message().startsWith("the rule applies only if"), e.unknown().get(0).message());
    }

    @Test
    void aFindingThatHoldsInSomeScenariosNamesThem() {
        TemplateEvaluation e = Rules.run(Rules.bucketRule("equals: {path: Status, value: Enabled}"), """
                Parameters:
                  Env: {Type: String, AllowedValues: [dev, prod]}
                Conditions:
                  IsProd: !Equals [!Ref Env, prod]
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      Status: !If [IsProd, Enabled, Suspended]
                """);
        assertEquals(List.of(9), lines(e.findings()));
        assertEquals("IsProd=false", e.findings().get(0).scenario());
    }

    @Test
    void attributePathsReadTheResourceOutsideProperties() {
        TemplateEvaluation e = run(Rules.bucketRule("equals: {path: \"@DeletionPolicy\", value: Retain}"), """
                  Deleted:
                    Type: AWS::S3::Bucket
                    DeletionPolicy: Delete
                  Kept:
                    Type: AWS::S3::Bucket
                    DeletionPolicy: Retain
                  Default:
                    Type: AWS::S3::Bucket
                """);
        assertEquals(List.of(6, 10), lines(e.findings()));
        assertEquals("Resources/Deleted/DeletionPolicy", e.findings().get(0).path());
    }

    @Test
    void numericAndPatternOperators() {
        Rule rule = Rules.bucketRule("""
                all:
                  - greaterOrEqual: {path: Days, value: 7}
                  - lessOrEqual: {path: Days, value: 30}
                  - matches: {path: Name, pattern: "logs-[a-z]+"}
                """);
        TemplateEvaluation e = run(rule, """
                  Good:
                    Type: AWS::S3::Bucket
                    Properties: {Days: "14", Name: logs-app}
                  Bad:
                    Type: AWS::S3::Bucket
                    Properties:
                      Days: 90
                      Name: logs-app-2
                """);
        assertEquals(List.of(10, 11), lines(e.findings()), "one finding per failing part");
    }

    @Test
    void cidrOpenRecognisesOnlyPrefixZero() {
        assertTrue(Literals.isWorldOpen("0.0.0.0/0"));
        assertTrue(Literals.isWorldOpen("::/0"));
        assertTrue(Literals.isWorldOpen(" 10.1.2.3/0 "));
        assertTrue(!Literals.isWorldOpen("0.0.0.0/1"));
        assertTrue(!Literals.isWorldOpen("10.0.0.0/8"));
        assertTrue(!Literals.isWorldOpen("0.0.0.0"));
        assertTrue(!Literals.isWorldOpen("not-a-cidr/0"));
    }

    @Test
    void aRuleForEveryTypeRunsOnTypesNoRuleNamesAndBesideTheirOwnRules() {
        Rule any = Rules.rule(Rules.bucketRuleYaml(null, "exists: Anything").replace("id: test-rule", "id: any-rule")
                .replace("[AWS::S3::Bucket]", "[\"*\"]"));
        Rule bucket = Rules.bucketRule("exists: Anything");
        TemplateEvaluation e = Rules.run(List.of(bucket, any), """
                Resources:
                  Topic:
                    Type: AWS::SNS::Topic
                  Bucket:
                    Type: AWS::S3::Bucket
                  Custom:
                    Type: Custom::Thing
                """, dev.portcullis.resolve.Inputs.NONE);
        assertEquals(List.of("any-rule Topic", "test-rule Bucket", "any-rule Bucket", "any-rule Custom"),
                e.findings().stream().map(f -> f.ruleId() + " " + f.resource()).toList(),
                "in the order the rules were selected, per resource");
    }

    @Test
    void rulesRunOnlyOnTheirResourceTypes() {
        TemplateEvaluation e = run(Rules.bucketRule("exists: Anything"), """
                  Topic:
                    Type: AWS::SNS::Topic
                """);
        assertEquals(List.of(), e.findings());
        assertNull(e.unknown().isEmpty() ? null : e.unknown());
    }
}
