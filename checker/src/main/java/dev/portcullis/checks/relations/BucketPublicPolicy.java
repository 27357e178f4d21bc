package dev.portcullis.checks.relations;

import java.util.EnumSet;
import java.util.Map;

import dev.portcullis.catalog.NoParams;
import dev.portcullis.catalog.RuleCheck;
import dev.portcullis.catalog.Violations;
import dev.portcullis.checks.iam.PolicyDocument;
import dev.portcullis.checks.iam.PolicyKind;
import dev.portcullis.checks.iam.PublicGrant;
import dev.portcullis.checks.iam.Statement;
import dev.portcullis.checks.values.Answer;
import dev.portcullis.checks.values.Sources;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.model.Resource;
import dev.portcullis.model.Span;
import dev.portcullis.resolve.Value;

/**
 * {@code relations.bucket-public-policy}: an S3 bucket that a bucket policy of the template opens to everyone
 * (an Allow for {@code *} without a condition that narrows the callers) while the bucket's Block Public Access
 * settings let that policy take effect. New buckets block public policies unless the template turns that off, so
 * the bucket is public only when {@code PublicAccessBlockConfiguration} is given with both
 * {@code BlockPublicPolicy} and {@code RestrictPublicBuckets} not true. Reports at the settings; message argument
 * {@code {policy}} (the bucket policy's logical id).
 */
public final class BucketPublicPolicy implements RuleCheck<NoParams> {

    private static final String POLICY = "AWS::S3::BucketPolicy";

    @Override
    public Class<NoParams> params() {
        return NoParams.class;
    }

    @Override
    public void evaluate(ResourceContext context, NoParams params, Violations out) {
        if (!(context.properties() instanceof Value.Struct props)) {
            return;
        }
        Value settings = props.get("PublicAccessBlockConfiguration");
        Answer open = policiesTakeEffect(settings);
        if (open == Answer.NO) {
            return;
        }
        for (Resource other : context.resourcesOfType(POLICY)) {
            if (!context.exists(other)
                    || !(context.propertiesOf(other) instanceof Value.Struct policy)) {
                continue;
            }
            Sources sources = Sources.of(context, other);
            Answer target = BucketReference.names(policy.get("Bucket"), sources, context, context.resource());
            if (target == Answer.NO) {
                continue;
            }
            Answer grants = Answer.NO;
            for (PolicyDocument document : PolicyDocument.of(context, other, EnumSet.of(PolicyKind.RESOURCE))) {
                if (!document.undetermined().isEmpty()) {
                    grants = grants.or(Answer.MAYBE);
                }
                for (Statement statement : document.statements()) {
                    PublicGrant grant = statement.publicGrant(sources);
                    grants = grants.or(grant.answer());
                }
            }
            Answer exposed = open.and(target).and(grants);
            // At the settings' key: the finding is about the settings as a whole.
            Span at = props.field("PublicAccessBlockConfiguration").keySpan();
            if (exposed == Answer.YES) {
                out.fail(at, "PublicAccessBlockConfiguration", Map.of("policy", other.logicalId()));
            } else if (exposed == Answer.MAYBE) {
                out.unknown(settings, "PublicAccessBlockConfiguration",
                        "whether bucket policy " + other.logicalId() + " opens this bucket to everyone is not determined");
            }
        }
    }

    /** Do the bucket's settings let a public policy apply? Absent settings are the service default: blocked. */
    private static Answer policiesTakeEffect(Value settings) {
        if (settings == null) {
            return Answer.NO;
        }
        if (!(settings instanceof Value.Struct s)) {
            return settings instanceof Value.Unknown ? Answer.MAYBE : Answer.NO;
        }
        return isTrue(s.get("BlockPublicPolicy")).or(isTrue(s.get("RestrictPublicBuckets"))).not();
    }

    private static Answer isTrue(Value v) {
        if (v == null) {
            return Answer.NO;
        }
        if (v instanceof Value.Scalar s) {
            return Answer.of(s.text().trim().equalsIgnoreCase("true"));
        }
        return Answer.MAYBE;
    }
}
