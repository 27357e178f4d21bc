package dev.portcullis.checks.relations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.portcullis.catalog.NoParams;
import dev.portcullis.catalog.Violations;
import dev.portcullis.checks.CheckContexts;

class RelationChecksTest {

    private static List<String> outcomes(Violations v) {
        return v.all().stream().map(x -> x.outcome() + " " + x.path()).toList();
    }

    /** The properties of a bucket policy that denies requests without TLS, indented under {@code Properties}. */
    private static final String TLS_POLICY = """
            PolicyDocument:
              Statement:
                - Effect: Deny
                  Principal: '*'
                  Action: 's3:*'
                  Resource: '*'
                  Condition: {Bool: {'aws:SecureTransport': 'false'}}
            """.indent(6);

    @Test
    void aPolicyForAnotherBucketDoesNotProtectThisOne() {
        String yaml = """
                Resources:
                  A:
                    Type: AWS::S3::Bucket
                  B:
                    Type: AWS::S3::Bucket
                  PolicyForB:
                    Type: AWS::S3::BucketPolicy
                    Properties:
                      Bucket: !Ref B
                """ + TLS_POLICY;
        assertEquals(List.of("FAIL "), outcomes(CheckContexts.run(new BucketSecureTransport(), new NoParams(), yaml, "A")));
        assertEquals(List.of(), outcomes(CheckContexts.run(new BucketSecureTransport(), new NoParams(), yaml, "B")));
    }

    @Test
    void namesLeftOpenByParametersMakeItUnknown() {
        String yaml = """
                Parameters:
                  Name: {Type: String}
                  Other: {Type: String}
                Resources:
                  Named:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: !Ref Name
                  Policy:
                    Type: AWS::S3::BucketPolicy
                    Properties:
                      Bucket: !Ref Other
                """ + TLS_POLICY;
        assertEquals(List.of("UNKNOWN "), outcomes(CheckContexts.run(new BucketSecureTransport(), new NoParams(), yaml, "Named")));
    }

    @Test
    void aShadowedDenyNeedsTheSameAclDirectionAndACoveringAllow() {
        String yaml = """
                Resources:
                  Acl:
                    Type: AWS::EC2::NetworkAcl
                    Properties: {VpcId: vpc-1}
                  Allow:
                    Type: AWS::EC2::NetworkAclEntry
                    Properties: {NetworkAclId: !Ref Acl, RuleNumber: 10, Protocol: -1, RuleAction: allow, CidrBlock: 10.0.0.0/8}
                  DenyInside:
                    Type: AWS::EC2::NetworkAclEntry
                    Properties: {NetworkAclId: !Ref Acl, RuleNumber: 20, Protocol: 6, RuleAction: deny, CidrBlock: 10.1.0.0/16,
                                 PortRange: {From: 22, To: 22}}
                  DenyOutside:
                    Type: AWS::EC2::NetworkAclEntry
                    Properties: {NetworkAclId: !Ref Acl, RuleNumber: 20, Protocol: 6, RuleAction: deny, CidrBlock: 0.0.0.0/0,
                                 PortRange: {From: 22, To: 22}, Egress: true}
                  DenyWider:
                    Type: AWS::EC2::NetworkAclEntry
                    Properties: {NetworkAclId: !Ref Acl, RuleNumber: 30, Protocol: 6, RuleAction: deny, CidrBlock: 0.0.0.0/0,
                                 PortRange: {From: 22, To: 22}}
                """;
        NaclDenyShadowed check = new NaclDenyShadowed();
        Violations shadowed = CheckContexts.run(check, new NoParams(), yaml, "DenyInside");
        assertEquals(List.of("FAIL RuleNumber"), outcomes(shadowed));
        assertEquals("Allow", shadowed.all().get(0).args().get("allow"));
        assertEquals(List.of(), outcomes(CheckContexts.run(check, new NoParams(), yaml, "DenyOutside")), "other direction");
        assertEquals(List.of(), outcomes(CheckContexts.run(check, new NoParams(), yaml, "DenyWider")), "not covered");
    }
    private static final ReferencedBy.Params FLOW_LOG = new ReferencedBy.Params("AWS::EC2::FlowLog", "ResourceId", null);

    private static List<String> flowLog(String yaml, String vpc) {
        return outcomes(CheckContexts.run(new ReferencedBy(), FLOW_LOG, yaml, vpc));
    }

    @Test
    void aReferenceOrAnAttributeAttachesAndAnythingElseDoesNot() {
        String yaml = """
                Parameters:
                  Existing: {Type: String}
                Resources:
                  ByRef: {Type: AWS::EC2::VPC}
                  ByAttribute: {Type: AWS::EC2::VPC}
                  InList: {Type: AWS::EC2::VPC}
                  Bare: {Type: AWS::EC2::VPC}
                  L1: {Type: AWS::EC2::FlowLog, Properties: {ResourceId: !Ref ByRef}}
                  L2: {Type: AWS::EC2::FlowLog, Properties: {ResourceId: !GetAtt ByAttribute.VpcId}}
                  L3: {Type: AWS::EC2::FlowLog, Properties: {ResourceId: [!Ref InList]}}
                  L4: {Type: AWS::EC2::FlowLog, Properties: {ResourceId: !Ref Existing}}
                  L5: {Type: AWS::EC2::FlowLog, Properties: {ResourceId: !Sub "${Bare}-suffix"}}
                  NotAFlowLog: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Bare}}
                """;
        assertEquals(List.of(), flowLog(yaml, "ByRef"));
        assertEquals(List.of(), flowLog(yaml, "ByAttribute"));
        assertEquals(List.of(), flowLog(yaml, "InList"));
        assertEquals(List.of("FAIL "), flowLog(yaml, "Bare"), "a parameter cannot hold this stack's VPC id");
    }

    @Test
    void anAttachmentTheScenarioLeavesOpenIsUnknown() {
        String yaml = """
                Parameters:
                  Env: {Type: String, AllowedValues: [dev, prod]}
                Conditions:
                  IsProd: !Equals [!Ref Env, prod]
                Resources:
                  Vpc: {Type: AWS::EC2::VPC}
                  Other: {Type: AWS::EC2::VPC}
                  ProdOnly:
                    Type: AWS::EC2::FlowLog
                    Condition: IsProd
                    Properties: {ResourceId: !Ref Vpc}
                  Either:
                    Type: AWS::EC2::FlowLog
                    Properties: {ResourceId: !If [IsProd, !Ref Other, !Ref AWS::NoValue]}
                """;
        assertEquals(List.of("UNKNOWN "), flowLog(yaml, "Vpc"), "the flow log exists only if IsProd holds");
        assertEquals(List.of("UNKNOWN "), flowLog(yaml, "Other"), "the flow log names it only if IsProd holds");
    }

    @Test
    void aNameAttachesWhenTheRuleSaysWhereTheNameIs() {
        String yaml = """
                Resources:
                  Named: {Type: AWS::SecretsManager::Secret, Properties: {Name: app/db}}
                  Unnamed: {Type: AWS::SecretsManager::Secret}
                  Rotation: {Type: AWS::SecretsManager::RotationSchedule, Properties: {SecretId: app/db}}
                """;
        var byName = new ReferencedBy.Params("AWS::SecretsManager::RotationSchedule", "SecretId", "Name");
        assertEquals(List.of(), outcomes(CheckContexts.run(new ReferencedBy(), byName, yaml, "Named")));
        assertEquals(List.of("FAIL "), outcomes(CheckContexts.run(new ReferencedBy(), byName, yaml, "Unnamed")));
    }
}
