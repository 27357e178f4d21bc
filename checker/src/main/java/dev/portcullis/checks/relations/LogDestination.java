package dev.portcullis.checks.relations;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.portcullis.checks.values.PartialText;
import dev.portcullis.checks.values.Sources;
import dev.portcullis.engine.Memo;
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

    /**
     * The bucket names that the template's log sources deliver to in one scenario, as {@link PartialText#display()}
     * texts ({@code ${Bucket}}, a literal name, a {@code Fn::Sub} pattern), and the bucket domain names CloudFront
     * logs to. Collected once per scenario: every bucket asks, and asking each log source again for each bucket
     * would be quadratic.
     */
    private record Targets(Set<String> names, Set<String> domains) {
    }

    private static final Memo.Key<Targets> TARGETS = Memo.Key.named("log delivery targets");

    /** True when some resource of {@code context}'s scenario certainly delivers logs to its bucket. */
    static boolean receivesLogs(ResourceContext context) {
        Targets targets = context.perTemplateScenario(TARGETS, () -> targets(context));
        if (targets.names().isEmpty() && targets.domains().isEmpty()) {
            return false;
        }
        Resource bucket = context.resource();
        String id = bucket.logicalId();
        if (targets.names().contains("${" + id + "}") || targets.domains().contains("${" + id + ".DomainName}")
                || targets.domains().contains("${" + id + ".RegionalDomainName}")) {
            return true;
        }
        // Otherwise only the same name as the bucket's BucketName names it (BucketReference, certain case).
        Value name = context.properties() instanceof Value.Struct props ? props.get("BucketName") : null;
        return name != null && targets.names().contains(PartialText.of(name, Sources.of(context)).display());
    }

    private static Targets targets(ResourceContext context) {
        Set<String> names = new HashSet<>();
        Set<String> domains = new HashSet<>();
        for (String type : LOG_SOURCES.keySet()) {
            for (Resource other : context.resourcesOfType(type)) {
                if (mayDeliver(other) && context.exists(other)
                        && context.propertiesOf(other) instanceof Value.Struct props) {
                    delivers(type, props, Sources.of(context, other), names, domains);
                }
            }
        }
        return new Targets(names, domains);
    }

    /**
     * Whether the resource, as written, could deliver logs at all: the logging property present (or properties
     * computed by an intrinsic). Checked on the template text so that most resources are never resolved.
     */
    private static boolean mayDeliver(Resource other) {
        Node properties = other.properties();
        return !(properties instanceof MappingNode m) || m.has(LOG_SOURCES.get(other.type()));
    }

    /** Adds the names (and CloudFront domain names) a log source of {@code type} delivers to. */
    private static void delivers(String type, Value.Struct props, Sources sources, Set<String> names,
                                 Set<String> domains) {
        if (type.equals("AWS::S3::Bucket")) {
            if (props.get("LoggingConfiguration") instanceof Value.Struct logging) {
                addName(logging.get("DestinationBucketName"), sources, names);
            }
        } else if (type.equals("AWS::ElasticLoadBalancing::LoadBalancer")) {
            if (props.get("AccessLoggingPolicy") instanceof Value.Struct policy && !isFalse(policy.get("Enabled"))) {
                addName(policy.get("S3BucketName"), sources, names);
            }
        } else if (type.equals("AWS::ElasticLoadBalancingV2::LoadBalancer")) {
            loadBalancerAttribute(props.get("LoadBalancerAttributes"), sources, names);
        } else if (type.equals("AWS::CloudFront::Distribution")
                && props.get("DistributionConfig") instanceof Value.Struct config
                && config.get("Logging") instanceof Value.Struct logging && logging.get("Bucket") != null) {
            // CloudFront names the bucket by its domain name: !GetAtt B.DomainName or name.s3.amazonaws.com.
            PartialText text = PartialText.of(logging.get("Bucket"), sources);
            domains.add(text.display());
            names.add(withoutEndpoint(text).display());
        }
    }

    private static void addName(Value value, Sources sources, Set<String> names) {
        if (value != null) {
            names.add(PartialText.of(value, sources).display());
        }
    }

    /** An ALB/NLB's {@code access_logs.s3.bucket}, unless {@code access_logs.s3.enabled} is false. */
    private static void loadBalancerAttribute(Value attributes, Sources sources, Set<String> names) {
        if (!(attributes instanceof Value.Seq seq)) {
            return;
        }
        List<String> buckets = new ArrayList<>(1);
        for (Value item : seq.items()) {
            if (!(item instanceof Value.Struct attribute) || attribute.get("Key") == null) {
                continue;
            }
            String key = PartialText.of(attribute.get("Key"), sources).literal();
            if (ELB_V2_ENABLED_ATTRIBUTE.equals(key) && isFalse(attribute.get("Value"))) {
                return;
            }
            if (ELB_V2_BUCKET_ATTRIBUTE.equals(key) && attribute.get("Value") != null) {
                buckets.add(PartialText.of(attribute.get("Value"), sources).display());
            }
        }
        names.addAll(buckets);
    }

    /** Logging switched off in so many words: a bucket named there receives nothing. */
    private static boolean isFalse(Value value) {
        return value instanceof Value.Scalar s && s.text().trim().equalsIgnoreCase("false");
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
