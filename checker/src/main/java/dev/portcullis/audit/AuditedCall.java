package dev.portcullis.audit;

import java.util.List;
import java.util.Optional;

import dev.portcullis.response.events.EventPatterns;
import dev.portcullis.response.finding.MalformedEventException;

/**
 * Each call the audit reviews (the names of {@link EventPatterns#AUDITED_CALLS}): the resource type it changes and
 * the catalog rules that speak about what it changes. Only those rules are reported for the call, so a bucket's
 * missing versioning is not announced every time someone edits its policy; the rule files say how each is answered.
 */
enum AuditedCall {
    AUTHORIZE_SECURITY_GROUP_INGRESS("AuthorizeSecurityGroupIngress", "AWS::EC2::SecurityGroup", SecurityGroupRules.RULES),
    MODIFY_SECURITY_GROUP_RULES("ModifySecurityGroupRules", "AWS::EC2::SecurityGroup", SecurityGroupRules.RULES),
    PUT_BUCKET_POLICY("PutBucketPolicy", "AWS::S3::Bucket", List.of("s3-bucket-not-public-via-policy")),
    PUT_BUCKET_ACL("PutBucketAcl", "AWS::S3::Bucket", List.of("s3-bucket-acl-public-read", "s3-bucket-acl-public-write")),
    PUT_BUCKET_PUBLIC_ACCESS_BLOCK("PutBucketPublicAccessBlock", "AWS::S3::Bucket", PublicAccessBlocks.RULES),
    DELETE_BUCKET_PUBLIC_ACCESS_BLOCK("DeleteBucketPublicAccessBlock", "AWS::S3::Bucket", PublicAccessBlocks.RULES),
    PUT_PUBLIC_ACCESS_BLOCK("PutPublicAccessBlock", "AWS::S3::Bucket", PublicAccessBlocks.RULES),
    DELETE_PUBLIC_ACCESS_BLOCK("DeletePublicAccessBlock", "AWS::S3::Bucket", PublicAccessBlocks.RULES),
    CREATE_ACCESS_KEY("CreateAccessKey", "AWS::IAM::AccessKey", List.of("iam-user-no-active-access-keys")),
    ATTACH_USER_POLICY("AttachUserPolicy", "AWS::IAM::User", List.of("iam-user-no-attached-policies",
            "iam-role-no-admin-managed-policy")),
    PUT_USER_POLICY("PutUserPolicy", "AWS::IAM::User", List.of("iam-user-no-attached-policies",
            "iam-policy-no-full-admin", "iam-policy-no-wildcard-actions", "iam-policy-no-privilege-escalation")),
    MODIFY_DB_INSTANCE("ModifyDBInstance", "AWS::RDS::DBInstance", List.of("rds-instance-not-public",
            "rds-instance-backups-enabled", "rds-instance-deletion-protection", "rds-instance-iam-auth",
            "rds-instance-multi-az", "rds-instance-auto-minor-upgrade")),
    CREATE_FUNCTION_URL_CONFIG("CreateFunctionUrlConfig", "AWS::Lambda::Url", List.of("lambda-url-auth-iam"));

    private final String callName;
    private final String resourceType;
    private final List<String> rules;

    AuditedCall(String callName, String resourceType, List<String> rules) {
        this.callName = callName;
        this.resourceType = resourceType;
        this.rules = List.copyOf(rules);
    }

    String callName() {
        return callName;
    }

    String resourceType() {
        return resourceType;
    }

    List<String> rules() {
        return rules;
    }

    static Optional<AuditedCall> named(String call) {
        for (AuditedCall c : values()) {
            if (c.callName.equals(call)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** What the event says was changed; throws when it lacks what identifies the resource. */
    ChangeDescription describe(CloudTrailChange change) throws MalformedEventException {
        RequestProperties request = new RequestProperties(change);
        ChangeDescription description = switch (this) {
            case AUTHORIZE_SECURITY_GROUP_INGRESS -> request.authorizeIngress();
            case MODIFY_SECURITY_GROUP_RULES -> request.modifySecurityGroupRules();
            case PUT_BUCKET_POLICY -> request.bucketPolicy();
            case PUT_BUCKET_ACL -> request.bucketAcl();
            case PUT_BUCKET_PUBLIC_ACCESS_BLOCK, PUT_PUBLIC_ACCESS_BLOCK -> request.publicAccessBlock(false);
            case DELETE_BUCKET_PUBLIC_ACCESS_BLOCK, DELETE_PUBLIC_ACCESS_BLOCK -> request.publicAccessBlock(true);
            case CREATE_ACCESS_KEY -> request.accessKey();
            case ATTACH_USER_POLICY -> request.attachUserPolicy();
            case PUT_USER_POLICY -> request.putUserPolicy();
            case MODIFY_DB_INSTANCE -> request.modifyDbInstance();
            case CREATE_FUNCTION_URL_CONFIG -> request.functionUrl();
        };
        request.throwIfProblems();
        return description;
    }

    /** The rules about security group ingress from the internet. */
    private static final class SecurityGroupRules {
        static final List<String> RULES = List.of("ec2-sg-no-world-admin-ports", "ec2-sg-no-world-all-ports",
                "ec2-sg-no-world-high-risk-ports", "ec2-sg-ingress-all-protocols");
    }

    /** The four Block Public Access settings of a bucket. */
    private static final class PublicAccessBlocks {
        static final List<String> RULES = List.of("s3-bucket-block-public-acls", "s3-bucket-block-public-policy",
                "s3-bucket-ignore-public-acls", "s3-bucket-restrict-public-buckets");
    }
}
