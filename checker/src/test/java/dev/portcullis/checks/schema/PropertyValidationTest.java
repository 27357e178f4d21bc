package dev.portcullis.checks.schema;

import static dev.portcullis.checks.schema.ValueTrees.RESOURCE_LINE;
import static dev.portcullis.checks.schema.ValueTrees.TYPE_LINE;
import static dev.portcullis.checks.schema.ValueTrees.f;
import static dev.portcullis.checks.schema.ValueTrees.list;
import static dev.portcullis.checks.schema.ValueTrees.obj;
import static dev.portcullis.checks.schema.ValueTrees.resource;
import static dev.portcullis.checks.schema.ValueTrees.s;
import static dev.portcullis.checks.schema.ValueTrees.sym;
import static dev.portcullis.checks.schema.ValueTrees.unknown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.portcullis.model.Finding;
import dev.portcullis.model.Severity;
import dev.portcullis.resolve.Value;

class PropertyValidationTest {

    private final PropertyValidation check = new PropertyValidation();

    private List<Finding> run(String type, Value properties) {
        return check.check(resource("Res", type, properties));
    }

    private static Finding only(List<Finding> findings) {
        assertEquals(1, findings.size(), () -> "expected one finding, got " + findings);
        return findings.get(0);
    }

    private static void assertNone(List<Finding> findings) {
        assertTrue(findings.isEmpty(), () -> "expected no findings, got " + findings);
    }

    private static Value.Struct sseS3(int line) {
        return obj(line, f("ServerSideEncryptionConfiguration", line, list(line + 1,
                obj(line + 1, f("ServerSideEncryptionByDefault", line + 1, obj(line + 2,
                        f("SSEAlgorithm", line + 2, s(line + 2, "AES256"))))))));
    }

    @Nested
    class UnknownProperty {

        @Test
        void misspeltTopLevelPropertyIsReportedAtItsKeyWithTheIntendedName() {
            Finding finding = only(run("AWS::S3::Bucket", obj(3, f("BucketEncrpytion", 4, sseS3(5)))));
            assertEquals("schema-unknown-property", finding.ruleId());
            assertEquals(Severity.HIGH, finding.severity());
            assertEquals("Unknown property 'BucketEncrpytion' for AWS::S3::Bucket; did you mean 'BucketEncryption'?",
                    finding.message());
            assertEquals(4, finding.line());
            assertEquals(5, finding.column());
            assertEquals("Resources/Res/Properties/BucketEncrpytion", finding.path());
            assertEquals("Res", finding.resource());
            assertEquals("AWS::S3::Bucket", finding.resourceType());
            assertEquals(ValueTrees.FILE, finding.file());
        }

        @Test
        void correctlySpeltPropertyWithValidContentPasses() {
            assertNone(run("AWS::S3::Bucket", obj(3, f("BucketEncryption", 4, sseS3(5)))));
        }

        @Test
        void typoInsideAListOfObjectsPointsAtTheItemsKeyWithItsIndexInThePath() {
            Value ingress = list(5,
                    obj(6, f("IpProtocol", 6, s(6, "tcp")), f("CidrIp", 7, s(7, "10.0.0.0/8")),
                            f("FromPort", 8, s(8, 443)), f("ToPort", 9, s(9, 443))),
                    obj(10, f("IpProtocol", 10, s(10, "tcp")), f("CidrIpp", 11, s(11, "10.0.0.0/8"))));
            Finding finding = only(run("AWS::EC2::SecurityGroup",
                    obj(3, f("GroupDescription", 4, s(4, "web")), f("SecurityGroupIngress", 5, ingress))));
            assertEquals("schema-unknown-property", finding.ruleId());
            assertEquals(11, finding.line());
            assertEquals("Resources/Res/Properties/SecurityGroupIngress/1/CidrIpp", finding.path());
            assertEquals("Unknown property 'CidrIpp' in 'SecurityGroupIngress[1]' for AWS::EC2::SecurityGroup;"
                    + " did you mean 'CidrIp'?", finding.message());
        }

        @Test
        void nameFarFromEveryPropertyGetsNoSuggestion() {
            Finding finding = only(run("AWS::S3::Bucket", obj(3, f("Zzyzx", 4, s(4, "x")))));
            assertEquals("Unknown property 'Zzyzx' for AWS::S3::Bucket", finding.message());
        }

        @Test
        void wrongCaseSuggestsTheRightCase() {
            Finding finding = only(run("AWS::S3::Bucket", obj(3, f("bucketname", 4, s(4, "logs")))));
            assertTrue(finding.message().endsWith("did you mean 'BucketName'?"), finding.message());
        }

        @Test
        void readOnlyPropertyIsReportedWithTheReason() {
            Finding finding = only(run("AWS::S3::Bucket", obj(3, f("Arn", 4, s(4, "arn:aws:s3:::b")))));
            assertEquals("schema-unknown-property", finding.ruleId());
            assertEquals("Property 'Arn' of AWS::S3::Bucket is read-only: CloudFormation ignores it"
                    + " (read it with Fn::GetAtt)", finding.message());
            assertEquals(4, finding.line());
        }

        @Test
        void openObjectAcceptsAnyKey() {
            Value policy = obj(5, f("Version", 5, s(5, "2012-10-17")), f("Statement", 6, list(6,
                    obj(7, f("Effect", 7, s(7, "Allow")), f("AnythingGoesHere", 8, s(8, "x"))))));
            assertNone(run("AWS::IAM::Role", obj(3, f("AssumeRolePolicyDocument", 4, policy))));
        }

        @Test
        void patternPropertiesAcceptMatchingNamesAndValidateTheirValues() {
            Value variables = obj(5, f("stage-name", 5, s(5, "prod")), f("Version2", 6, s(6, 2)));
            assertNone(run("AWS::ApiGateway::Stage", obj(3, f("RestApiId", 4, sym(4, "${Api}")),
                    f("Variables", 5, variables))));

            Value bad = obj(5, f("--", 5, s(5, "x")), f("ok", 6, obj(6)));
            List<Finding> findings = run("AWS::ApiGateway::Stage", obj(3, f("RestApiId", 4, sym(4, "${Api}")),
                    f("Variables", 5, bad)));
            assertEquals(List.of("schema-unknown-property", "schema-wrong-type"),
                    findings.stream().map(Finding::ruleId).toList(), findings::toString);
            assertEquals("Resources/Res/Properties/Variables/--", findings.get(0).path());
            assertEquals("'ok' must be a string, got an object", findings.get(1).message());
        }

        @Test
        void objectRewrittenByAMacroIsNotJudged() {
            Value versioning = obj(5, f("Fn::Transform", 5, obj(5, f("Name", 5, s(5, "AWS::Include")))),
                    f("Extra", 6, s(6, "x")));
            assertNone(run("AWS::S3::Bucket", obj(3, f("VersioningConfiguration", 4, versioning))));
        }
    }

    @Nested
    class WrongType {

        @Test
        void stringWhereAnObjectBelongsIsReportedAtTheValue() {
            Finding finding = only(run("AWS::S3::Bucket", obj(3, f("VersioningConfiguration", 4, s(4, "Enabled")))));
            assertEquals("schema-wrong-type", finding.ruleId());
            assertEquals(Severity.MEDIUM, finding.severity());
            assertEquals("'VersioningConfiguration' must be an object, got a string", finding.message());
            assertEquals(4, finding.line());
            assertEquals(20, finding.column());
            assertEquals("Resources/Res/Properties/VersioningConfiguration", finding.path());
        }

        @Test
        void cloudFormationsScalarLeniencyIsAccepted() {
            // "true" for a boolean, "443" for an integer, numbers and booleans for strings.
            assertNone(run("AWS::S3::Bucket", obj(3,
                    f("ObjectLockEnabled", 4, s(4, "true")),
                    f("BucketName", 5, s(5, 12345)))));
            assertNone(run("AWS::EC2::SecurityGroup", obj(3,
                    f("GroupDescription", 4, s(4, true)),
                    f("SecurityGroupIngress", 5, list(5, obj(6, f("IpProtocol", 6, s(6, -1)),
                            f("FromPort", 7, s(7, "443")), f("ToPort", 8, s(8, 443L))))))));
            assertNone(run("AWS::SQS::Queue", obj(3, f("DelaySeconds", 4, s(4, "0")),
                    f("FifoQueue", 5, s(5, "False")))));
        }

        @Test
        void valuesCloudFormationRejectsAreReported() {
            List<Finding> findings = run("AWS::EC2::SecurityGroup", obj(3,
                    f("GroupDescription", 4, s(4, "web")),
                    f("SecurityGroupIngress", 5, list(5, obj(6, f("IpProtocol", 6, s(6, "tcp")),
                            f("FromPort", 7, s(7, "https")), f("ToPort", 8, s(8, "1.5")))))));
            assertEquals(List.of("'FromPort' must be an integer, got a string",
                            "'ToPort' must be an integer, got a string"),
                    findings.stream().map(Finding::message).toList());
            assertEquals("Resources/Res/Properties/SecurityGroupIngress/0/FromPort", findings.get(0).path());
            assertEquals(7, findings.get(0).line());

            Finding yes = only(run("AWS::S3::Bucket", obj(3, f("ObjectLockEnabled", 4, s(4, "yes")))));
            assertEquals("'ObjectLockEnabled' must be a boolean, got a string", yes.message());
        }

        @Test
        void listItemOfTheWrongTypeIsNamedByIndex() {
            Finding finding = only(run("AWS::EC2::SecurityGroup", obj(3,
                    f("GroupDescription", 4, s(4, "web")),
                    f("SecurityGroupIngress", 5, list(5, s(6, "tcp/22"))))));
            assertEquals("'SecurityGroupIngress[0]' must be an object, got a string", finding.message());
            assertEquals("Resources/Res/Properties/SecurityGroupIngress/0", finding.path());
            assertEquals(6, finding.line());
        }

        @Test
        void propertiesThatAreNotAnObjectAreReported() {
            Finding finding = only(run("AWS::S3::Bucket", list(3)));
            assertEquals("'Properties' must be an object, got a list", finding.message());
            assertEquals("Resources/Res/Properties", finding.path());
        }

        @Test
        void nullIsNotAValueCloudFormationAccepts() {
            Finding finding = only(run("AWS::S3::Bucket", obj(3, f("BucketName", 4, s(4, null)))));
            assertEquals("'BucketName' must be a string, got null", finding.message());
        }
    }

    @Nested
    class Masking {

        @Test
        void refGetAttAndSubResultsAreNeverJudged() {
            assertNone(run("AWS::S3::Bucket", obj(3,
                    f("VersioningConfiguration", 4, sym(4, "${Versioning.Config}")),
                    f("ObjectLockEnabled", 5, unknown(5)),
                    f("BucketEncryption", 6, obj(6, f("ServerSideEncryptionConfiguration", 7, sym(7, "${X}")))))));
        }

        @Test
        void requiredPropertyGivenByAnIntrinsicIsPresent() {
            assertNone(run("AWS::EC2::Subnet", obj(3, f("VpcId", 4, sym(4, "${Vpc}")),
                    f("CidrBlock", 5, unknown(5)))));
        }

        @Test
        void wholePropertiesDecidedAtDeployTimeAreNotJudged() {
            assertNone(run("AWS::EC2::Subnet", unknown(3)));
        }

        @Test
        void maskedListItemsAreSkippedButTheirSiblingsAreChecked() {
            Finding finding = only(run("AWS::EC2::SecurityGroup", obj(3,
                    f("GroupDescription", 4, s(4, "web")),
                    f("SecurityGroupIngress", 5, list(5, sym(6, "${Rule}"), obj(7, f("IpProtocl", 7, s(7, "tcp"))))))));
            assertEquals("Resources/Res/Properties/SecurityGroupIngress/1/IpProtocl", finding.path());
        }
    }

    @Nested
    class MissingRequired {

        @Test
        void missingTopLevelPropertyPointsAtTheResourceKey() {
            Finding finding = only(run("AWS::EC2::Subnet", obj(3, f("CidrBlock", 4, s(4, "10.0.0.0/24")))));
            assertEquals("schema-missing-required", finding.ruleId());
            assertEquals(Severity.MEDIUM, finding.severity());
            assertEquals("Missing required property 'VpcId' for AWS::EC2::Subnet", finding.message());
            assertEquals(RESOURCE_LINE, finding.line());
            assertEquals("Resources/Res/Properties/VpcId", finding.path());
        }

        @Test
        void resourceWithoutPropertiesMissesEveryRequiredOne() {
            Finding finding = only(run("AWS::EC2::Subnet", null));
            assertEquals("Resources/Res/Properties/VpcId", finding.path());
            assertEquals(RESOURCE_LINE, finding.line());
        }

        @Test
        void missingNestedPropertyPointsAtTheParentKey() {
            Finding finding = only(run("AWS::S3::Bucket", obj(3, f("VersioningConfiguration", 4, obj(5)))));
            assertEquals("Missing required property 'Status' in 'VersioningConfiguration' for AWS::S3::Bucket",
                    finding.message());
            assertEquals(4, finding.line());
            assertEquals(5, finding.column());
            assertEquals("Resources/Res/Properties/VersioningConfiguration/Status", finding.path());
        }

        @Test
        void misspeltRequiredPropertyIsOneFindingNotTwo() {
            Finding finding = only(run("AWS::EC2::Subnet", obj(3, f("VpcID", 4, s(4, "vpc-1")))));
            assertEquals("Unknown property 'VpcID' for AWS::EC2::Subnet; did you mean 'VpcId'?", finding.message());
        }

        @Test
        void nothingMissingWhenRequiredPropertiesArePresent() {
            assertNone(run("AWS::EC2::Subnet", obj(3, f("VpcId", 4, s(4, "vpc-123")))));
            assertNone(run("AWS::S3::Bucket", null));
        }
    }

    @Nested
    class InvalidEnum {

        @Test
        void valueOutsideTheEnumListsTheAllowedValuesAndTheClosest() {
            Finding finding = only(run("AWS::S3::Bucket", obj(3, f("VersioningConfiguration", 4,
                    obj(5, f("Status", 5, s(5, "Enabld")))))));
            assertEquals("schema-invalid-enum", finding.ruleId());
            assertEquals(Severity.MEDIUM, finding.severity());
            assertEquals("'Status' must be one of Enabled, Suspended; got 'Enabld' (did you mean 'Enabled'?)",
                    finding.message());
            assertEquals(5, finding.line());
            assertEquals(20, finding.column());
            assertEquals("Resources/Res/Properties/VersioningConfiguration/Status", finding.path());
        }

        @Test
        void allowedValuePasses() {
            assertNone(run("AWS::S3::Bucket", obj(3, f("VersioningConfiguration", 4,
                    obj(5, f("Status", 5, s(5, "Suspended")))))));
        }

        @Test
        void numericEnumMatchesNumbersWrittenAnyWay() {
            assertNone(run("AWS::EC2::DHCPOptions", obj(3, f("NetbiosNodeType", 4, s(4, 2L)))));
            assertNone(run("AWS::EC2::DHCPOptions", obj(3, f("NetbiosNodeType", 4, s(4, "2")))));
            assertNone(run("AWS::EC2::DHCPOptions", obj(3, f("NetbiosNodeType", 4, s(4, 2.0)))));
            Finding finding = only(run("AWS::EC2::DHCPOptions", obj(3, f("NetbiosNodeType", 4, s(4, 3L)))));
            assertEquals("'NetbiosNodeType' must be one of 1, 2, 4, 8; got '3'", finding.message());
        }

        @Test
        void longEnumListsAreCut() {
            Finding finding = only(run("AWS::EC2::Instance", obj(3, f("InstanceType", 4, s(4, "t2.micrp")))));
            assertTrue(finding.message().matches("'InstanceType' must be one of [^;]*, \\.\\.\\. \\(\\d+ more\\);"
                    + " got 't2.micrp' \\(did you mean 't2.micro'\\?\\)"), finding.message());
        }

        @Test
        void caseInsensitiveEnumIgnoresCase() {
            Value ok = obj(3, f("DomainName", 4, s(4, "example.com")), f("RuleType", 5, s(5, "FORWARD")));
            assertNone(run("AWS::Route53Resolver::ResolverRule", ok));
            Value bad = obj(3, f("DomainName", 4, s(4, "example.com")), f("RuleType", 5, s(5, "FORWARDER")));
            assertEquals("schema-invalid-enum", only(run("AWS::Route53Resolver::ResolverRule", bad)).ruleId());
        }
    }

    @Nested
    class UnknownResourceType {

        @Test
        void misspeltTypeIsReportedAtTheTypeValueWithTheClosestType() {
            Finding finding = only(run("AWS::S3::Buckets", obj(3)));
            assertEquals("schema-unknown-resource-type", finding.ruleId());
            assertEquals(Severity.HIGH, finding.severity());
            assertEquals("Unknown resource type 'AWS::S3::Buckets'; did you mean 'AWS::S3::Bucket'?",
                    finding.message());
            assertEquals(TYPE_LINE, finding.line());
            assertEquals(11, finding.column());
            assertEquals("Resources/Res/Type", finding.path());
        }

        @Test
        void typeFarFromAnyKnownTypeHasNoSuggestion() {
            Finding finding = only(run("AWS::Nothing::LikeThisAtAll", obj(3)));
            assertEquals("Unknown resource type 'AWS::Nothing::LikeThisAtAll'", finding.message());
        }

        @Test
        void customSamAndNonAwsTypesAreNotReported() {
            Value anything = obj(3, f("ServiceToken", 4, sym(4, "${Fn.Arn}")), f("Whatever", 5, s(5, 1)));
            assertNone(run("Custom::Thing", anything));
            assertNone(run("AWS::CloudFormation::CustomResource", anything));
            assertNone(run("AWS::Serverless::Function", anything));
            assertNone(run("Alexa::ASK::Skil", anything));
            assertNone(run("MyOrg::Storage::Bucket::MODULE", anything));
        }

        @Test
        void templatesRewrittenByAMacroAreNotJudged() {
            Value custom = obj(3, f("Permissions", 4, list(4)));
            assertNone(check.check(resource("Res", "AWS::S3::Object", custom, List.of("S3Objects"))));
            assertNone(check.check(resource("Res", "AWS::IAM::Role", custom,
                    List.of("AWS::Serverless-2016-10-31", "ExecutionRoleBuilder"))));
            assertEquals(2, check.check(resource("Res", "AWS::IAM::Role", custom,
                    List.of("AWS::Serverless-2016-10-31", "AWS::LanguageExtensions"))).size(),
                    "SAM and LanguageExtensions leave other resources as written");
        }

        @Test
        void knownNonAwsTypeIsValidated() {
            assertEquals("schema-unknown-property", only(run("Alexa::ASK::Skill", obj(3,
                    f("VendorId", 4, s(4, "v")), f("AuthenticationConfiguration", 5, unknown(5)),
                    f("SkillPackage", 6, unknown(6)), f("Extra", 7, s(7, "x"))))).ruleId());
        }
    }
}
