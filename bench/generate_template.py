#!/usr/bin/env python3
"""Writes a large synthetic CloudFormation template (YAML) for the benchmark.

The resources come in groups of four that reference each other the way real stacks do: an S3 bucket,
a security group, an IAM role whose policy names the bucket, and a Lambda function that runs as the role
in the security group and gets the bucket through its environment. Some groups exist only under a
condition, some buckets are encrypted and some are not, some ingress is open to the world, so a checker
has intrinsics, conditions and findings to work through rather than a flat list of identical resources.

Usage: generate_template.py RESOURCES OUTPUT.yaml
"""
import sys


def group(i: int) -> str:
    conditional = i % 5 == 0
    condition = "    Condition: IsProd\n" if conditional else ""
    encryption = (
        "      BucketEncryption:\n"
        "        ServerSideEncryptionConfiguration:\n"
        "          - ServerSideEncryptionByDefault:\n"
        "              SSEAlgorithm: aws:kms\n"
        "              KMSMasterKeyID: !Ref KeyArn\n"
        if i % 3 else ""
    )
    public_block = (
        "      PublicAccessBlockConfiguration:\n"
        "        BlockPublicAcls: true\n"
        "        BlockPublicPolicy: true\n"
        "        IgnorePublicAcls: true\n"
        "        RestrictPublicBuckets: true\n"
        if i % 4 else ""
    )
    ingress_cidr = "0.0.0.0/0" if i % 7 == 0 else "!Ref AllowedCidr"
    # Inside a resource that only exists in prod, an If on IsProd would have a dead branch.
    versioning = "Enabled" if conditional else "!If [IsProd, Enabled, Suspended]"
    return f"""  Bucket{i}:
    Type: AWS::S3::Bucket
{condition}    Properties:
      BucketName: !Sub "${{AWS::StackName}}-data-{i}-${{Environment}}"
{encryption}{public_block}      VersioningConfiguration:
        Status: {versioning}
      Tags:
        - Key: team
          Value: !Select [{i % 3}, [payments, search, platform]]
  Sg{i}:
    Type: AWS::EC2::SecurityGroup
{condition}    Properties:
      GroupDescription: !Join [" ", [function, "{i}", security group]]
      VpcId: !Ref VpcId
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: {ingress_cidr}
        - IpProtocol: tcp
          FromPort: {22 if i % 11 == 0 else 8080}
          ToPort: {22 if i % 11 == 0 else 8080}
          CidrIp: 10.0.0.0/8
      SecurityGroupEgress:
        - IpProtocol: "-1"
          CidrIp: 0.0.0.0/0
  Role{i}:
    Type: AWS::IAM::Role
{condition}    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - !Sub "arn:${{AWS::Partition}}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
      Policies:
        - PolicyName: data-access
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: {'"s3:*"' if i % 9 == 0 else '[s3:GetObject, s3:PutObject]'}
                Resource: !Sub "${{Bucket{i}.Arn}}/*"
              - Effect: Allow
                Action: kms:Decrypt
                Resource: !Ref KeyArn
  Function{i}:
    Type: AWS::Lambda::Function
{condition}    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt Role{i}.Arn
      MemorySize: !FindInMap [Sizes, !Ref Environment, Memory]
      Timeout: 30
      Code:
        ZipFile: |
          def handler(event, context):
              return {{"bucket": "{i}"}}
      Environment:
        Variables:
          BUCKET: !Ref Bucket{i}
          STAGE: !Ref Environment
      VpcConfig:
        SecurityGroupIds:
          - !GetAtt Sg{i}.GroupId
        SubnetIds: !Ref SubnetIds
"""


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    resources = int(sys.argv[1])
    groups = max(1, resources // 4)
    head = """AWSTemplateFormatVersion: "2010-09-09"
Description: Synthetic benchmark stack (buckets, security groups, roles and functions).
Parameters:
  Environment:
    Type: String
    AllowedValues: [dev, prod]
    Default: dev
  VpcId:
    Type: AWS::EC2::VPC::Id
  SubnetIds:
    Type: List<AWS::EC2::Subnet::Id>
  AllowedCidr:
    Type: String
    Default: 10.0.0.0/16
  KeyArn:
    Type: String
Mappings:
  Sizes:
    dev:
      Memory: 256
    prod:
      Memory: 1024
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
Resources:
"""
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        out.write(head)
        for i in range(groups):
            out.write(group(i))


if __name__ == "__main__":
    main()
