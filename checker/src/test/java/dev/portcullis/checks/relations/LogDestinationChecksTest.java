package dev.portcullis.checks.relations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.portcullis.catalog.NoParams;
import dev.portcullis.catalog.Violations;
import dev.portcullis.checks.CheckContexts;
import dev.portcullis.checks.values.PartialText;

class LogDestinationChecksTest {

    private static final String SSE_S3 = """
                Properties:
                  BucketEncryption:
                    ServerSideEncryptionConfiguration:
                      - ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}
            """;

    private static List<String> kms(String yaml, String bucket) {
        return outcomes(CheckContexts.run(new BucketKmsEncryption(), new NoParams(), yaml, bucket));
    }

    private static List<String> logging(String yaml, String bucket) {
        return outcomes(CheckContexts.run(new BucketAccessLogging(), new NoParams(), yaml, bucket));
    }

    private static List<String> outcomes(Violations v) {
        return v.all().stream().map(x -> x.outcome() + " " + x.path()).toList();
    }

    @Test
    void dataBucketsAreReportedWhereTheRuleLanguageReportedThem() {
        String yaml = """
                Parameters:
                  Algorithm: {Type: String}
                Resources:
                  Bare:
                    Type: AWS::S3::Bucket
                  SseS3:
                    Type: AWS::S3::Bucket
                """ + SSE_S3 + """
                  Mixed:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketEncryption:
                        ServerSideEncryptionConfiguration:
                          - ServerSideEncryptionByDefault: {SSEAlgorithm: aws:kms}
                          - BucketKeyEnabled: true
                  Open:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketEncryption:
                        ServerSideEncryptionConfiguration:
                          - ServerSideEncryptionByDefault: {SSEAlgorithm: !Ref Algorithm}
                """;
        assertEquals(List.of("FAIL BucketEncryption/ServerSideEncryptionConfiguration"), kms(yaml, "Bare"));
        assertEquals(List.of("FAIL BucketEncryption/ServerSideEncryptionConfiguration/0/ServerSideEncryptionByDefault"
                + "/SSEAlgorithm"), kms(yaml, "SseS3"));
        assertEquals(List.of("FAIL BucketEncryption/ServerSideEncryptionConfiguration/1/ServerSideEncryptionByDefault"
                + "/SSEAlgorithm"), kms(yaml, "Mixed"));
        assertEquals(List.of("UNKNOWN BucketEncryption/ServerSideEncryptionConfiguration/0/ServerSideEncryptionByDefault"
                + "/SSEAlgorithm"), kms(yaml, "Open"));
        assertEquals(List.of("FAIL LoggingConfiguration"), logging(yaml, "Bare"));
    }

    @Test
    void serverAccessLogAndLoadBalancerTargetsAreExempt() {
        String yaml = """
                Resources:
                  S3Logs:
                    Type: AWS::S3::Bucket
                """ + SSE_S3 + """
                  Data:
                    Type: AWS::S3::Bucket
                    Properties:
                      LoggingConfiguration: {DestinationBucketName: !Ref S3Logs}
                  ClassicLogs:
                    Type: AWS::S3::Bucket
                    Properties: {BucketName: classic-logs}
                  Classic:
                    Type: AWS::ElasticLoadBalancing::LoadBalancer
                    Properties:
                      Listeners: [{LoadBalancerPort: 80, InstancePort: 80, Protocol: HTTP}]
                      AccessLoggingPolicy: {Enabled: true, S3BucketName: classic-logs}
                  AlbLogs:
                    Type: AWS::S3::Bucket
                  Alb:
                    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                    Properties:
                      LoadBalancerAttributes:
                        - {Key: access_logs.s3.enabled, Value: 'true'}
                        - {Key: access_logs.s3.bucket, Value: !Ref AlbLogs}
                """;
        for (String bucket : List.of("S3Logs", "ClassicLogs", "AlbLogs")) {
            assertEquals(List.of(), kms(yaml, bucket), bucket);
            assertEquals(List.of(), logging(yaml, bucket), bucket);
        }
        assertEquals(List.of("FAIL BucketEncryption/ServerSideEncryptionConfiguration"), kms(yaml, "Data"));
        String disabled = yaml.replace("{Enabled: true, S3BucketName", "{Enabled: false, S3BucketName")
                .replace("{Key: access_logs.s3.enabled, Value: 'true'}", "{Key: access_logs.s3.enabled, Value: 'false'}");
        assertEquals(List.of("FAIL LoggingConfiguration"), logging(disabled, "ClassicLogs"));
        assertEquals(List.of("FAIL LoggingConfiguration"), logging(disabled, "AlbLogs"));
    }

    @Test
    void cloudFrontNamesItsLogBucketByDomainName() {
        String yaml = """
                Resources:
                  ByAttribute:
                    Type: AWS::S3::Bucket
                  BySub:
                    Type: AWS::S3::Bucket
                  ByName:
                    Type: AWS::S3::Bucket
                    Properties: {BucketName: cdn-logs}
                  Other:
                    Type: AWS::S3::Bucket
                    Properties: {BucketName: cdn}
                """ + distribution("A", "!GetAtt ByAttribute.DomainName")
                + distribution("B", "!Sub '${BySub}.s3.${AWS::URLSuffix}'")
                + distribution("C", "cdn-logs.s3.amazonaws.com");
        for (String bucket : List.of("ByAttribute", "BySub", "ByName")) {
            assertEquals(List.of(), logging(yaml, bucket), bucket);
        }
        assertEquals(List.of("FAIL LoggingConfiguration"), logging(yaml, "Other"));
    }

    @Test
    void onlyABucketNamedForCertainIsExempt() {
        String yaml = """
                Parameters:
                  LogBucketName: {Type: String}
                  DataBucketName: {Type: String}
                Resources:
                  Named:
                    Type: AWS::S3::Bucket
                    Properties: {BucketName: !Ref DataBucketName}
                  Data:
                    Type: AWS::S3::Bucket
                    Properties:
                      LoggingConfiguration: {DestinationBucketName: !Ref LogBucketName}
                """;
        assertEquals(List.of("FAIL LoggingConfiguration"), logging(yaml, "Named"));
        assertEquals(List.of(), logging(yaml, "Data"));
    }

    @Test
    void theEndpointIsCutFromBucketDomainNames() {
        assertEquals("logs", LogDestination.withoutEndpoint(PartialText.fixed("logs.s3.eu-west-1.amazonaws.com"))
                .display());
        assertEquals("logs", LogDestination.withoutEndpoint(PartialText.fixed("logs.s3-us-west-2.amazonaws.com"))
                .display());
        assertEquals("logs.example.com", LogDestination.withoutEndpoint(PartialText.fixed("logs.example.com"))
                .display());
    }

    private static String distribution(String id, String bucket) {
        return """
                  %s:
                    Type: AWS::CloudFront::Distribution
                    Properties:
                      DistributionConfig:
                        Enabled: true
                        Logging: {Bucket: %s, Prefix: cdn/}
                """.formatted(id, bucket);
    }
}
