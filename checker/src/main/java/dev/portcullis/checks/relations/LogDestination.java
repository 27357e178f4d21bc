package dev.portcullis.checks.relations;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.portcullis.checks.values.Answer;
import dev.portcullis.checks.values.PartialText;
import dev.portcullis.checks.values.Sources;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.model.MappingNode;
import dev.portcullis.model.Node;
import dev.portcullis.model.Resource;
import dev.portcullis.resolve.Value;

/**
 * Whether an S3 bucket receives logs that another resource of the template delivers: S3 server access logs
 * ({@code LoggingConfiguration.DestinationBucketName} of a bucket), load balancer access logs (the
 * {@code access_logs.s3.bucket} attribute of an ALB/NLB, {@code AccessLoggingPolicy.S3BucketName} of a Classic
 * Load Balancer) or CloudFront standard logs ({@code DistributionConfig.Logging.Bucket}, a bucket domain name).
 * Such buckets only accept SSE-S3, and logging them would need yet another bucket, so rules about data buckets
 * exempt them. Only a bucket the template names for certain is exempt: names left open by parameters match far
 * too many data buckets to excuse their findings.
 */
final class LogDestination {

    private LogDestination() {
    }

    /**
     * The S3 endpoint part of a bucket domain name ({@code .s3.amazonaws.com}, {@code .s3.eu-west-1.amazonaws.com},
     * {@code .s3-us-west-2.amazonaws.com}, also written with {@code ${AWS::Region}} and {@code ${AWS::URLSuffix}}).
     */
    private static final Pattern S3_ENDPOINT = Pattern.compile(
            "\\.s3(?:[.-](?:[a-z0-9-]+|\\$\\{AWS::Region}))?\\.(?:amazonaws\\.com(?:\\.cn)?|\\$\\{AWS::URLSuffix})$",
            Pattern.CASE_INSENSITIVE);

    /** The resource types that can deliver logs to a bucket, with the property that configures it. */
    private static final java.util.Map<String, String> LOG_SOURCES = java.util.Map.of(
            "AWS::S3::Bucket", "LoggingConfiguration",
            "AWS::ElasticLoadBalancing::LoadBalancer", "AccessLoggingPolicy",
            "AWS::ElasticLoadBalancingV2::LoadBalancer", "LoadBalancerAttributes",
            "AWS::CloudFront::Distribution", "DistributionConfig");

    private static final String ELB_V2_BUCKET_ATTRIBUTE = "access_logs.s3.bucket";
    private static final String ELB_V2_ENABLED_ATTRIBUTE = "access_logs.s3.enabled";

    /** True when some resource of {@code context}'s scenario certainly delivers logs to its bucket. */
    static boolean receivesLogs(ResourceContext context) {
        Resource bucket = context.resource();
        for (Resource other : context.template().resources().values()) {
            // Type first: resolving every resource of the template for every bucket would be quadratic.
            if (!mayDeliver(other) || (other != bucket && !context.exists(other))) {
                continue;
            }
            Value properties = other == bucket ? context.properties() : context.propertiesOf(other);
            if (properties instanceof Value.Struct props
                    && delivers(other.type(), props, new Sources(context.template(), other), context, bucket)
                    == Answer.YES) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the resource, as written, could deliver logs at all: the right type and the logging property present
     * (or properties computed by an intrinsic). Checked on the template text so that most resources are never
     * resolved: every bucket asks this of every other bucket.
     */
    private static boolean mayDeliver(Resource other) {
        String key = LOG_SOURCES.get(other.type());
        if (key == null) {
            return false;
        }
        Node properties = other.properties();
        return !(properties instanceof MappingNode m) || m.has(key);
    }

    private static Answer delivers(String type, Value.Struct props, Sources sources, ResourceContext context,
                                   Resource bucket) {
        if (type.equals("AWS::S3::Bucket")) {
            return props.get("LoggingConfiguration") instanceof Value.Struct logging
                    ? BucketReference.names(logging.get("DestinationBucketName"), sources, context, bucket)
                    : Answer.NO;
        }
        if (type.equals("AWS::ElasticLoadBalancing::LoadBalancer")) {
            return props.get("AccessLoggingPolicy") instanceof Value.Struct policy && !isFalse(policy.get("Enabled"))
                    ? BucketReference.names(policy.get("S3BucketName"), sources, context, bucket)
                    : Answer.NO;
        }
        if (type.equals("AWS::ElasticLoadBalancingV2::LoadBalancer")) {
            return loadBalancerAttribute(props.get("LoadBalancerAttributes"), sources, context, bucket);
        }
        if (type.equals("AWS::CloudFront::Distribution")
                && props.get("DistributionConfig") instanceof Value.Struct config
                && config.get("Logging") instanceof Value.Struct logging) {
            return cloudFrontLogBucket(logging.get("Bucket"), sources, context, bucket);
        }
        return Answer.NO;
    }

    private static Answer loadBalancerAttribute(Value attributes, Sources sources, ResourceContext context,
                                                Resource bucket) {
        if (!(attributes instanceof Value.Seq seq)) {
            return Answer.NO;
        }
        Answer any = Answer.NO;
        for (Value item : seq.items()) {
            if (!(item instanceof Value.Struct attribute) || attribute.get("Key") == null) {
                continue;
            }
            String key = PartialText.of(attribute.get("Key"), sources).literal();
            if (ELB_V2_ENABLED_ATTRIBUTE.equals(key) && isFalse(attribute.get("Value"))) {
                return Answer.NO;
            }
            if (ELB_V2_BUCKET_ATTRIBUTE.equals(key)) {
                any = any.or(BucketReference.names(attribute.get("Value"), sources, context, bucket));
            }
        }
        return any;
    }

    /** Logging switched off in so many words: a bucket named there receives nothing. */
    private static boolean isFalse(Value value) {
        return value instanceof Value.Scalar s && s.text().trim().equalsIgnoreCase("false");
    }

    /** CloudFront names the bucket by its domain name: {@code !GetAtt B.DomainName} or {@code name.s3.amazonaws.com}. */
    private static Answer cloudFrontLogBucket(Value domain, Sources sources, ResourceContext context, Resource bucket) {
        if (domain == null) {
            return Answer.NO;
        }
        PartialText text = PartialText.of(domain, sources);
        String display = text.display();
        String id = bucket.logicalId();
        if (display.equals("${" + id + ".DomainName}") || display.equals("${" + id + ".RegionalDomainName}")) {
            return Answer.YES;
        }
        return BucketReference.names(withoutEndpoint(text), context, bucket);
    }

    /** The bucket name part of a bucket domain name; the text unchanged when it has no S3 endpoint suffix. */
    static PartialText withoutEndpoint(PartialText text) {
        Matcher m = S3_ENDPOINT.matcher(text.display());
        if (!m.find()) {
            return text;
        }
        int cut = m.start();
        List<PartialText.Piece> kept = new ArrayList<>();
        int at = 0;
        for (PartialText.Piece piece : text.pieces()) {
            if (at >= cut) {
                break;
            }
            if (piece instanceof PartialText.Fixed f) {
                int end = at + f.text().length();
                kept.add(end <= cut ? f : new PartialText.Fixed(f.text().substring(0, cut - at)));
                at = end;
            } else {
                kept.add(piece);
                at += ("${" + ((PartialText.Gap) piece).name() + "}").length();
            }
        }
        return new PartialText(kept);
    }
}
