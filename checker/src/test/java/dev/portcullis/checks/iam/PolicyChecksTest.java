package dev.portcullis.checks.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.portcullis.catalog.NoParams;
import dev.portcullis.catalog.Violations;
import dev.portcullis.checks.CheckContexts;

/** The IAM checks on small templates: what they report, where, and when they say UNKNOWN. */
class PolicyChecksTest {

    private static List<String> outcomes(Violations v) {
        return v.all().stream().map(x -> x.outcome() + " " + x.path()).toList();
    }

    @Test
    void wildcardActionsInEveryShapeOfStatement() {
        String yaml = """
                Parameters:
                  Action: {Type: String}
                Resources:
                  P:
                    Type: AWS::IAM::ManagedPolicy
                    Properties:
                      PolicyDocument:
                        Statement:
                          - {Effect: Allow, Action: 's3:*', Resource: '*'}
                          - {Effect: Allow, Action: ['s3:GetObject', '*'], Resource: 'arn:aws:s3:::b/*'}
                          - {Effect: Deny, Action: '*', Resource: '*'}
                          - {Effect: Allow, Action: !Ref Action, Resource: '*'}
                """;
        WildcardAction check = new WildcardAction();
        assertEquals(List.of("FAIL PolicyDocument/Statement/0/Action", "FAIL PolicyDocument/Statement/1/Action/1",
                        "UNKNOWN PolicyDocument/Statement/3/Action"),
                outcomes(CheckContexts.run(check, new WildcardAction.Params(null, true, false), yaml, "P")));
        assertEquals(List.of("FAIL PolicyDocument/Statement/1/Action/1", "UNKNOWN PolicyDocument/Statement/3/Action"),
                outcomes(CheckContexts.run(check, new WildcardAction.Params(List.of("identity"), false, false), yaml, "P")),
                "s3:* counts only as service-wide");
        assertEquals(List.of("UNKNOWN PolicyDocument/Statement/3/Action"),
                outcomes(CheckContexts.run(check, new WildcardAction.Params(null, false, true), yaml, "P")),
                "statement 1 is on one bucket only");
    }

    @Test
    void documentsWrittenAsJsonTextAndSingleStatements() {
        String yaml = """
                Resources:
                  Logs:
                    Type: AWS::Logs::ResourcePolicy
                    Properties:
                      PolicyName: p
                      PolicyDocument: '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"logs:PutLogEvents","Resource":"*"}]}'
                  Role:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement: {Effect: Allow, Principal: {AWS: ['arn:aws:iam::111122223333:root', '*']}, Action: 'sts:AssumeRole'}
                """;
        PublicPrincipal check = new PublicPrincipal();
        assertEquals(List.of("FAIL PolicyDocument/Statement/0/Principal"),
                outcomes(CheckContexts.run(check, new PublicPrincipal.Params(null), yaml, "Logs")));
        assertEquals(List.of("FAIL AssumeRolePolicyDocument/Statement/Principal/AWS/1"),
                outcomes(CheckContexts.run(check, new PublicPrincipal.Params(List.of("trust")), yaml, "Role")));
        assertEquals(List.of(), outcomes(CheckContexts.run(check, new PublicPrincipal.Params(List.of("resource")), yaml, "Role")));
    }

    @Test
    void conditionsThatNarrowThePrincipal() {
        String yaml = """
                Parameters:
                  Vpce: {Type: String}
                Resources:
                  Q:
                    Type: AWS::SQS::QueuePolicy
                    Properties:
                      Queues: [q]
                      PolicyDocument:
                        Statement:
                          - {Effect: Allow, Principal: '*', Action: 'sqs:SendMessage', Resource: '*',
                             Condition: {ArnLike: {'aws:SourceArn': 'arn:aws:sns:*:111122223333:t'}}}
                          - {Effect: Allow, Principal: '*', Action: 'sqs:SendMessage', Resource: '*',
                             Condition: {StringEquals: {'aws:SourceVpce': !Ref Vpce}}}
                          - {Effect: Allow, Principal: '*', Action: 'sqs:SendMessage', Resource: '*',
                             Condition: {StringLike: {'aws:SourceArn': '*'}}}
                          - {Effect: Allow, Principal: '*', Action: 'sqs:SendMessage', Resource: '*',
                             Condition: {StringEqualsIfExists: {'aws:SourceAccount': '111122223333'}}}
                          - {Effect: Allow, Principal: '*', Action: 'sqs:SendMessage', Resource: '*',
                             Condition: {IpAddress: {'aws:SourceIp': '0.0.0.0/0'}}}
                          - {Effect: Allow, Principal: '*', Action: 'sqs:SendMessage', Resource: '*',
                             Condition: {Bool: {'aws:SecureTransport': 'true'}}}
                          - {Effect: Allow, Principal: {Service: sns.amazonaws.com}, Action: 'sqs:SendMessage', Resource: '*'}
                """;
        assertEquals(List.of("FAIL PolicyDocument/Statement/2/Principal", "FAIL PolicyDocument/Statement/3/Principal",
                        "FAIL PolicyDocument/Statement/4/Principal", "FAIL PolicyDocument/Statement/5/Principal"),
                outcomes(CheckContexts.run(new PublicPrincipal(), new PublicPrincipal.Params(null), yaml, "Q")));
    }

    @Test
    void privilegedActionsThroughWildcardsAndNotAction() {
        String yaml = """
                Resources:
                  P:
                    Type: AWS::IAM::Policy
                    Properties:
                      PolicyName: p
                      PolicyDocument:
                        Statement:
                          - {Effect: Allow, Action: 'iam:Put*Policy', Resource: '*'}
                          - {Effect: Allow, NotAction: 'iam:*', Resource: '*'}
                          - {Effect: Allow, NotAction: 's3:*', Resource: '*'}
                          - {Effect: Allow, Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/app'}
                """;
        PrivilegedActions check = new PrivilegedActions();
        Violations v = CheckContexts.run(check,
                new PrivilegedActions.Params(List.of("iam:PutRolePolicy", "iam:PassRole"), null, true), yaml, "P");
        assertEquals(List.of("FAIL PolicyDocument/Statement/0/Action", "FAIL PolicyDocument/Statement/2/NotAction"),
                outcomes(v));
        assertEquals(Map.of("action", "iam:PutRolePolicy", "granted", "iam:Put*Policy"), v.all().get(0).args());
        assertEquals(List.of("FAIL PolicyDocument/Statement/2/NotAction", "FAIL PolicyDocument/Statement/3/Action"),
                outcomes(CheckContexts.run(check, new PrivilegedActions.Params(List.of("iam:PassRole"), null, false),
                        yaml, "P")),
                "on any resource the scoped PassRole counts too; NotAction iam:* excludes it");
    }

    @Test
    void writesOnEveryResource() {
        String yaml = """
                Resources:
                  R:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: 'sts:AssumeRole'}]}
                      Policies:
                        - PolicyName: a
                          PolicyDocument:
                            Statement:
                              - {Effect: Allow, Action: ['ec2:Describe*', 's3:List*'], Resource: '*'}
                              - {Effect: Allow, Action: ['cloudwatch:PutMetricData'], Resource: '*'}
                              - {Effect: Allow, Action: ['sqs:SendMessage'], Resource: ['arn:aws:sqs:eu-west-1:111122223333:q', '*']}
                """;
        assertEquals(List.of("FAIL Policies/0/PolicyDocument/Statement/2/Resource/1"),
                outcomes(CheckContexts.run(new WildcardResource(),
                        new WildcardResource.Params(List.of("identity"), true, List.of("cloudwatch:PutMetricData")), yaml, "R")));
    }

    @Test
    void webIdentityTrustNeedsASubjectCondition() {
        String yaml = """
                Resources:
                  R:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {Federated: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC'}
                            Action: 'sts:AssumeRoleWithWebIdentity'
                            Condition: {StringEquals: {'oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:app:web'}}
                          - Effect: Allow
                            Principal: {Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'}
                            Action: 'sts:AssumeRoleWithWebIdentity'
                            Condition: {StringLike: {'token.actions.githubusercontent.com:sub': 'repo:*/infra:*'}}
                          - Effect: Allow
                            Principal: {Federated: 'arn:aws:iam::111122223333:saml-provider/corp'}
                            Action: 'sts:AssumeRoleWithSAML'
                """;
        assertEquals(List.of("FAIL AssumeRolePolicyDocument/Statement/1/Principal/Federated"),
                outcomes(CheckContexts.run(new WebIdentityTrust(), new NoParams(), yaml, "R")));
    }
}
