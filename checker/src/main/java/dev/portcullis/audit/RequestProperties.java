package dev.portcullis.audit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.finding.EventProblem;
import dev.portcullis.response.finding.MalformedEventException;

/**
 * Turns a change event's {@code requestParameters} (and {@code responseElements}) into the CloudFormation-shaped
 * properties of the resource it changed: what {@code portcullis replay} evaluates, with no live resource to read,
 * and what the live read is completed with where Cloud Control does not return a property (write-only ones, such
 * as a bucket's canned ACL). Every field it needs and cannot find is a problem with its path.
 */
final class RequestProperties {

    static final String SECURITY_GROUP = "SecurityGroup";
    static final String BUCKET = "Bucket";

    private static final Map<String, String> CANNED_ACLS = Map.of(
            "private", "Private", "public-read", "PublicRead", "public-read-write", "PublicReadWrite",
            "authenticated-read", "AuthenticatedRead", "log-delivery-write", "LogDeliveryWrite",
            "bucket-owner-read", "BucketOwnerRead", "bucket-owner-full-control", "BucketOwnerFullControl",
            "aws-exec-read", "AwsExecRead");
    private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    private static final String AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

    /** ModifyDBInstance request fields and the DBInstance properties they set. */
    private static final Map<String, String> DB_INSTANCE_FIELDS = Map.of(
            "publiclyAccessible", "PubliclyAccessible",
            "backupRetentionPeriod", "BackupRetentionPeriod",
            "deletionProtection", "DeletionProtection",
            "multiAZ", "MultiAZ",
            "enableIAMDatabaseAuthentication", "EnableIAMDatabaseAuthentication",
            "autoMinorVersionUpgrade", "AutoMinorVersionUpgrade",
            "copyTagsToSnapshot", "CopyTagsToSnapshot",
            "monitoringInterval", "MonitoringInterval");

    private final CloudTrailChange change;
    private final JsonNode request;
    private final JsonNode response;
    private final List<EventProblem> problems = new ArrayList<>();

    RequestProperties(CloudTrailChange change) {
        this.change = change;
        this.request = change.requestParameters();
        this.response = change.responseElements();
    }

    void throwIfProblems() throws MalformedEventException {
        if (!problems.isEmpty()) {
            throw new MalformedEventException(problems);
        }
    }

    // ---- EC2 security groups ---------------------------------------------------------------------------------

    ChangeDescription authorizeIngress() {
        List<Permission> permissions = new ArrayList<>();
        JsonNode ruleSet = items(response.path("securityGroupRuleSet"));
        String groupId = text(request, "groupId");
        if (groupId == null && !ruleSet.isEmpty()) {
            groupId = text(ruleSet.get(0), "groupId");
        }
        if (groupId == null) {
            problem("requestParameters.groupId", "missing (and no securityGroupRuleSet in the response names the group)");
        }
        JsonNode items = items(request.path("ipPermissions"));
        if (items.isEmpty()) {
            problem("requestParameters.ipPermissions", "missing or empty");
        }
        for (JsonNode p : items) {
            String protocol = p.path("ipProtocol").asText("-1");
            Integer from = Permission.integer(p.get("fromPort"));
            Integer to = Permission.integer(p.get("toPort"));
            for (JsonNode range : items(p.path("ipRanges"))) {
                addRange(permissions, protocol, from, to, text(range, "cidrIp"), ruleSet);
            }
            for (JsonNode range : items(p.path("ipv6Ranges"))) {
                addRange(permissions, protocol, from, to, text(range, "cidrIpv6"), ruleSet);
            }
        }
        return securityGroup(groupId, permissions);
    }

    ChangeDescription modifySecurityGroupRules() {
        JsonNode body = request.path("ModifySecurityGroupRulesRequest");
        String groupId = text(body, "GroupId");
        if (groupId == null) {
            problem("requestParameters.ModifySecurityGroupRulesRequest.GroupId", "missing");
        }
        List<Permission> permissions = new ArrayList<>();
        JsonNode rules = body.path("SecurityGroupRule");
        for (JsonNode rule : rules.isArray() ? rules : List.of(rules)) {
            JsonNode spec = rule.path("SecurityGroupRule");
            String cidr = text(spec, "CidrIpv4") != null ? text(spec, "CidrIpv4") : text(spec, "CidrIpv6");
            if (cidr != null) {
                permissions.add(new Permission(spec.path("IpProtocol").asText("-1"),
                        Permission.integer(spec.get("FromPort")), Permission.integer(spec.get("ToPort")), cidr,
                        text(rule, "SecurityGroupRuleId")));
            }
        }
        if (rules.isMissingNode()) {
            problem("requestParameters.ModifySecurityGroupRulesRequest.SecurityGroupRule", "missing");
        }
        return securityGroup(groupId, permissions);
    }

    private static void addRange(List<Permission> out, String protocol, Integer from, Integer to, String cidr,
                                 JsonNode ruleSet) {
        if (cidr == null) {
            return;
        }
        Permission added = new Permission(protocol, from, to, cidr, null);
        String ruleId = null;
        for (JsonNode rule : ruleSet) {
            String ruleCidr = text(rule, "cidrIpv4") != null ? text(rule, "cidrIpv4") : text(rule, "cidrIpv6");
            Permission recorded = new Permission(rule.path("ipProtocol").asText("-1"),
                    Permission.integer(rule.get("fromPort")), Permission.integer(rule.get("toPort")), ruleCidr, null);
            if (!rule.path("isEgress").asBoolean(false) && ruleCidr != null && recorded.sameAccess(added)) {
                ruleId = text(rule, "securityGroupRuleId");
            }
        }
        out.add(new Permission(protocol, from, to, cidr, ruleId));
    }

    private ChangeDescription securityGroup(String groupId, List<Permission> permissions) {
        ObjectNode props = object();
        ArrayNode ingress = props.putArray("SecurityGroupIngress");
        permissions.forEach(p -> ingress.add(p.toIngress()));
        props.put("GroupDescription", "as deployed");
        ChangedResource group = new ChangedResource(SECURITY_GROUP, "AWS::EC2::SecurityGroup", groupId, props, true);
        return new ChangeDescription(List.of(group), permissions, null, null);
    }

    // ---- S3 buckets --------------------------------------------------------------------------------------------

    ChangeDescription bucketPolicy() {
        String bucket = bucketName();
        JsonNode policy = request.get("bucketPolicy");
        if (policy == null || !policy.isObject()) {
            problem("requestParameters.bucketPolicy", "missing or not an object");
            policy = object();
        }
        // The call succeeded, so S3 did not refuse the policy: were it public, BlockPublicPolicy was off. Settings
        // the event does not show are taken as off (the Lambda reads the real ones).
        ObjectNode bucketProps = object().put("BucketName", bucket);
        bucketProps.putObject("PublicAccessBlockConfiguration").put("BlockPublicPolicy", false);
        ObjectNode policyProps = object();
        policyProps.putObject("Bucket").put("Ref", BUCKET);
        policyProps.set("PolicyDocument", policy);
        return ChangeDescription.of(
                new ChangedResource(BUCKET, "AWS::S3::Bucket", bucket, bucketProps, true),
                new ChangedResource("BucketPolicy", "AWS::S3::BucketPolicy", bucket, policyProps, true));
    }

    ChangeDescription bucketAcl() {
        String bucket = bucketName();
        String acl = cannedAcl();
        ObjectNode props = object().put("BucketName", bucket);
        if (acl != null) {
            props.put("AccessControl", acl);
        }
        return ChangeDescription.of(new ChangedResource(BUCKET, "AWS::S3::Bucket", bucket, props, true));
    }

    /** The canned ACL the request sets, or the one its grants amount to for everyone; null when neither is given. */
    private String cannedAcl() {
        JsonNode header = request.get("x-amz-acl");
        if (header != null) {
            String value = (header.isArray() ? header.path(0) : header).asText("").trim().toLowerCase(Locale.ROOT);
            String canned = CANNED_ACLS.get(value);
            if (canned == null) {
                problem("requestParameters.x-amz-acl", "unknown canned ACL '" + value + "'");
            }
            return canned;
        }
        JsonNode grants = request.path("AccessControlPolicy").path("AccessControlList").path("Grant");
        if (grants.isMissingNode()) {
            problem("requestParameters", "neither x-amz-acl nor AccessControlPolicy.AccessControlList.Grant");
            return null;
        }
        boolean read = false;
        boolean write = false;
        boolean authenticated = false;
        for (JsonNode grant : grants.isArray() ? grants : List.of(grants)) {
            String uri = grant.path("Grantee").path("URI").asText("");
            String permission = grant.path("Permission").asText("");
            boolean writes = permission.equals("WRITE") || permission.equals("FULL_CONTROL");
            boolean reads = permission.equals("READ") || permission.equals("FULL_CONTROL");
            if (uri.equals(ALL_USERS)) {
                write |= writes;
                read |= reads;
            } else if (uri.equals(AUTHENTICATED_USERS)) {
                authenticated |= reads || writes;
            }
        }
        return write ? "PublicReadWrite" : read ? "PublicRead" : authenticated ? "AuthenticatedRead" : "Private";
    }

    ChangeDescription publicAccessBlock(boolean deleted) {
        String bucket = bucketName();
        ObjectNode props = object().put("BucketName", bucket);
        ObjectNode settings = props.putObject("PublicAccessBlockConfiguration");
        JsonNode given = request.path("PublicAccessBlockConfiguration");
        if (!deleted && !given.isObject()) {
            problem("requestParameters.PublicAccessBlockConfiguration", "missing or not an object");
        }
        // A deleted configuration, and a setting the request leaves out, is off.
        for (String name : List.of("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")) {
            settings.put(name, !deleted && given.path(name).asText("false").trim().equalsIgnoreCase("true"));
        }
        return ChangeDescription.of(new ChangedResource(BUCKET, "AWS::S3::Bucket", bucket, props, true));
    }

    private String bucketName() {
        String bucket = text(request, "bucketName");
        if (bucket == null) {
            problem("requestParameters.bucketName", "missing (an account-level call is not a bucket change)");
        }
        return bucket;
    }

    // ---- IAM users ---------------------------------------------------------------------------------------------

    ChangeDescription accessKey() {
        JsonNode key = response.path("accessKey");
        String id = text(key, "accessKeyId");
        if (id == null) {
            problem("responseElements.accessKey.accessKeyId", "missing");
        }
        // No userName is a key for the root user: described as such, so the message says whose key it is.
        String user = text(request, "userName") != null ? text(request, "userName") : text(key, "userName");
        ObjectNode props = object().put("UserName", user == null ? "(root user)" : user)
                .put("Status", text(key, "status") == null ? "Active" : text(key, "status"));
        // Cloud Control cannot read access keys; the event describes the new key completely anyway.
        return ChangeDescription.of(new ChangedResource("AccessKey", "AWS::IAM::AccessKey", id, props, false));
    }

    ChangeDescription attachUserPolicy() {
        String user = userName();
        String policyArn = text(request, "policyArn");
        if (policyArn == null) {
            problem("requestParameters.policyArn", "missing");
        }
        ObjectNode props = object().put("UserName", user);
        props.putArray("ManagedPolicyArns").add(policyArn);
        return ChangeDescription.of(new ChangedResource("User", "AWS::IAM::User", user, props, true));
    }

    ChangeDescription putUserPolicy() {
        String user = userName();
        String name = text(request, "policyName");
        if (name == null) {
            problem("requestParameters.policyName", "missing");
        }
        JsonNode document = policyDocument(request.get("policyDocument"));
        ObjectNode props = object().put("UserName", user);
        ObjectNode policy = props.putArray("Policies").addObject();
        policy.put("PolicyName", name);
        policy.set("PolicyDocument", document);
        return ChangeDescription.of(new ChangedResource("User", "AWS::IAM::User", user, props, true));
    }

    /** CloudTrail gives the policy as JSON text, sometimes URL-encoded as IAM received it. */
    private JsonNode policyDocument(JsonNode value) {
        if (value != null && value.isObject()) {
            return value;
        }
        if (value == null || !value.isTextual()) {
            problem("requestParameters.policyDocument", "missing");
            return object();
        }
        String text = value.asText().trim();
        if (text.startsWith("%7B") || text.startsWith("%7b")) {
            text = URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
        try {
            JsonNode parsed = ResponseJson.mapper().readTree(text);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (Exception e) {
            // reported below
        }
        problem("requestParameters.policyDocument", "not a JSON policy document");
        return object();
    }

    private String userName() {
        String user = text(request, "userName");
        if (user == null) {
            problem("requestParameters.userName", "missing");
        }
        return user;
    }

    // ---- RDS ---------------------------------------------------------------------------------------------------

    ChangeDescription modifyDbInstance() {
        String id = text(response, "dBInstanceIdentifier") != null ? text(response, "dBInstanceIdentifier")
                : text(request, "dBInstanceIdentifier");
        if (id == null) {
            problem("requestParameters.dBInstanceIdentifier", "missing");
        }
        ObjectNode props = object().put("DBInstanceIdentifier", id);
        DB_INSTANCE_FIELDS.forEach((field, property) -> {
            JsonNode value = request.get(field);
            if (value != null && value.isValueNode() && !value.isNull()) {
                props.set(property, value);
            }
        });
        // The response carries the instance as it now is (engine, subnet group): what the rules' conditions read.
        String engine = text(response, "engine");
        if (engine != null) {
            props.put("Engine", engine);
        }
        return ChangeDescription.of(new ChangedResource("DBInstance", "AWS::RDS::DBInstance", id, props, true));
    }

    // ---- Lambda function URLs ----------------------------------------------------------------------------------

    ChangeDescription functionUrl() {
        String function = text(request, "functionName");
        if (function == null) {
            problem("requestParameters.functionName", "missing");
        }
        String qualifier = text(request, "qualifier");
        String arn = text(response, "functionArn") != null ? text(response, "functionArn")
                : function != null && function.startsWith("arn:") ? function : null;
        if (arn == null) {
            problem("responseElements.functionArn", "missing (and functionName is not an ARN)");
        }
        String authType = text(request, "authType") != null ? text(request, "authType") : text(response, "authType");
        if (authType == null) {
            problem("requestParameters.authType", "missing");
        }
        ObjectNode props = object().put("TargetFunctionArn", arn).put("AuthType", authType);
        if (qualifier != null) {
            props.put("Qualifier", qualifier);
        }
        ChangedResource url = new ChangedResource("FunctionUrl", "AWS::Lambda::Url", arn, props, true);
        return new ChangeDescription(List.of(url), List.of(), function, qualifier);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** The {@code items} of a CloudTrail list wrapper ({@code {"items": [...]}}), or an empty list. */
    private static JsonNode items(JsonNode wrapper) {
        JsonNode items = wrapper.path("items");
        return items.isArray() ? items : ResponseJson.mapper().createArrayNode();
    }

    private static String text(JsonNode parent, String field) {
        JsonNode value = parent == null ? null : parent.get(field);
        return value != null && value.isValueNode() && !value.isNull() && !value.asText().isBlank()
                ? value.asText() : null;
    }

    private static ObjectNode object() {
        return ResponseJson.mapper().createObjectNode();
    }

    private void problem(String path, String reason) {
        problems.add(new EventProblem("detail." + path, reason + " (" + change.eventName() + ")"));
    }
}
