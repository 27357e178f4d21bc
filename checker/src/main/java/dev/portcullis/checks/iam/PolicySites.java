package dev.portcullis.checks.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.portcullis.resolve.Value;

/**
 * Where CloudFormation resources hold IAM policy documents. Identity policies sit in IAM resources; resource
 * policies in the services that accept them; a role's trust policy in {@code AssumeRolePolicyDocument}.
 */
public final class PolicySites {

    private record Place(PolicyKind kind, String property) {
    }

    private static final Map<String, List<Place>> PLACES = Map.ofEntries(
            Map.entry("AWS::IAM::ManagedPolicy", List.of(new Place(PolicyKind.IDENTITY, "PolicyDocument"))),
            Map.entry("AWS::IAM::Policy", List.of(new Place(PolicyKind.IDENTITY, "PolicyDocument"))),
            Map.entry("AWS::IAM::RolePolicy", List.of(new Place(PolicyKind.IDENTITY, "PolicyDocument"))),
            Map.entry("AWS::IAM::UserPolicy", List.of(new Place(PolicyKind.IDENTITY, "PolicyDocument"))),
            Map.entry("AWS::IAM::GroupPolicy", List.of(new Place(PolicyKind.IDENTITY, "PolicyDocument"))),
            Map.entry("AWS::IAM::Role", List.of(new Place(PolicyKind.TRUST, "AssumeRolePolicyDocument"))),
            Map.entry("AWS::SSO::PermissionSet", List.of(new Place(PolicyKind.IDENTITY, "InlinePolicy"))),
            Map.entry("AWS::S3::BucketPolicy", List.of(new Place(PolicyKind.RESOURCE, "PolicyDocument"))),
            Map.entry("AWS::S3::AccessPoint", List.of(new Place(PolicyKind.RESOURCE, "Policy"))),
            Map.entry("AWS::SQS::QueuePolicy", List.of(new Place(PolicyKind.RESOURCE, "PolicyDocument"))),
            Map.entry("AWS::SQS::QueueInlinePolicy", List.of(new Place(PolicyKind.RESOURCE, "PolicyDocument"))),
            Map.entry("AWS::SNS::TopicPolicy", List.of(new Place(PolicyKind.RESOURCE, "PolicyDocument"))),
            Map.entry("AWS::SNS::TopicInlinePolicy", List.of(new Place(PolicyKind.RESOURCE, "PolicyDocument"))),
            Map.entry("AWS::KMS::Key", List.of(new Place(PolicyKind.RESOURCE, "KeyPolicy"))),
            Map.entry("AWS::KMS::ReplicaKey", List.of(new Place(PolicyKind.RESOURCE, "KeyPolicy"))),
            Map.entry("AWS::SecretsManager::ResourcePolicy", List.of(new Place(PolicyKind.RESOURCE, "ResourcePolicy"))),
            Map.entry("AWS::ECR::Repository", List.of(new Place(PolicyKind.RESOURCE, "RepositoryPolicyText"))),
            Map.entry("AWS::OpenSearchService::Domain", List.of(new Place(PolicyKind.RESOURCE, "AccessPolicies"))),
            Map.entry("AWS::Elasticsearch::Domain", List.of(new Place(PolicyKind.RESOURCE, "AccessPolicies"))),
            Map.entry("AWS::EFS::FileSystem", List.of(new Place(PolicyKind.RESOURCE, "FileSystemPolicy"))),
            Map.entry("AWS::ApiGateway::RestApi", List.of(new Place(PolicyKind.RESOURCE, "Policy"))),
            Map.entry("AWS::Backup::BackupVault", List.of(new Place(PolicyKind.RESOURCE, "AccessPolicy"))),
            Map.entry("AWS::Logs::ResourcePolicy", List.of(new Place(PolicyKind.RESOURCE, "PolicyDocument"))),
            Map.entry("AWS::Glue::ResourcePolicy", List.of(new Place(PolicyKind.RESOURCE, "PolicyInJson"))),
            Map.entry("AWS::CodeArtifact::Domain", List.of(new Place(PolicyKind.RESOURCE, "PermissionsPolicyDocument"))),
            Map.entry("AWS::CodeArtifact::Repository", List.of(new Place(PolicyKind.RESOURCE, "PermissionsPolicyDocument"))),
            Map.entry("AWS::Events::EventBusPolicy", List.of(new Place(PolicyKind.RESOURCE, "Statement"))));

    /** Types with a {@code Policies} list of {@code {PolicyName, PolicyDocument}} inline identity policies. */
    private static final List<String> INLINE_POLICIES = List.of("AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group");

    private PolicySites() {
    }

    /** Every policy document of a resource of {@code type} with evaluated {@code properties} (null when none). */
    public static List<PolicySite> of(String type, Value properties) {
        if (!(properties instanceof Value.Struct props)) {
            return List.of();
        }
        List<PolicySite> out = new ArrayList<>(2);
        for (Place place : PLACES.getOrDefault(type, List.of())) {
            Value document = props.get(place.property());
            if (document != null) {
                if (type.equals("AWS::Events::EventBusPolicy")) {
                    // A single statement written without its document.
                    out.add(new PolicySite(place.kind(), "", props));
                } else {
                    out.add(new PolicySite(place.kind(), place.property(), document));
                }
            }
        }
        if (INLINE_POLICIES.contains(type) && props.get("Policies") instanceof Value.Seq policies) {
            for (int i = 0; i < policies.items().size(); i++) {
                if (policies.items().get(i) instanceof Value.Struct policy && policy.get("PolicyDocument") != null) {
                    out.add(new PolicySite(PolicyKind.IDENTITY, "Policies/" + i + "/PolicyDocument",
                            policy.get("PolicyDocument")));
                }
            }
        }
        return out;
    }
}
