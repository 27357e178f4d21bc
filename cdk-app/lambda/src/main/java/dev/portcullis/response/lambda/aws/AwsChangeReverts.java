package dev.portcullis.response.lambda.aws;

import dev.portcullis.response.plan.PlannedAction.DeleteFunctionUrl;
import dev.portcullis.response.plan.PlannedAction.RestorePublicAccessBlock;
import dev.portcullis.response.plan.PlannedAction.RevokeIngress;
import dev.portcullis.response.port.ChangeReverts;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * The audit's reverts on AWS: {@code RevokeSecurityGroupIngress} with exactly the offending permission (protocol,
 * ports, one range: the group's other permissions, and other ranges of the same ports, stay),
 * {@code PutPublicAccessBlock} with all four settings on, and {@code DeleteFunctionUrlConfig}. What is already gone
 * counts as reverted; other AWS errors propagate with their message.
 */
public final class AwsChangeReverts implements ChangeReverts {

    private final Ec2Client ec2;
    private final S3Client s3;
    private final LambdaClient lambda;

    public AwsChangeReverts(Ec2Client ec2, S3Client s3, LambdaClient lambda) {
        this.ec2 = ec2;
        this.s3 = s3;
        this.lambda = lambda;
    }

    @Override
    public Outcome revokeIngress(RevokeIngress action) {
        IpPermission.Builder permission = IpPermission.builder().ipProtocol(action.ipProtocol());
        if (action.fromPort() != null) {
            permission.fromPort(action.fromPort()).toPort(action.toPort());
        }
        if (action.cidr().contains(":")) {
            permission.ipv6Ranges(Ipv6Range.builder().cidrIpv6(action.cidr()).build());
        } else {
            permission.ipRanges(IpRange.builder().cidrIp(action.cidr()).build());
        }
        try {
            RevokeSecurityGroupIngressResponse response = ec2.revokeSecurityGroupIngress(r -> r
                    .groupId(action.securityGroupId()).ipPermissions(permission.build()));
            // EC2 answers an unknown permission with success and lists it as unknown.
            return response.hasUnknownIpPermissions() && !response.unknownIpPermissions().isEmpty()
                    ? Outcome.ALREADY_REVERTED : Outcome.REVERTED;
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if ("InvalidPermission.NotFound".equals(code) || "InvalidGroup.NotFound".equals(code)) {
                return Outcome.ALREADY_REVERTED;
            }
            throw e;
        }
    }

    @Override
    public Outcome restorePublicAccessBlock(RestorePublicAccessBlock action) {
        try {
            s3.putPublicAccessBlock(r -> r.bucket(action.bucket()).publicAccessBlockConfiguration(c -> c
                    .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true)));
            return Outcome.REVERTED;
        } catch (NoSuchBucketException e) {
            return Outcome.ALREADY_REVERTED;
        }
    }

    @Override
    public Outcome deleteFunctionUrl(DeleteFunctionUrl action) {
        try {
            lambda.deleteFunctionUrlConfig(r -> r.functionName(action.functionName()).qualifier(action.qualifier()));
            return Outcome.REVERTED;
        } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException e) {
            return Outcome.ALREADY_REVERTED;
        }
    }
}
