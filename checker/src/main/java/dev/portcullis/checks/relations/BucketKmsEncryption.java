package dev.portcullis.checks.relations;

import java.util.List;

import dev.portcullis.catalog.NoParams;
import dev.portcullis.catalog.RuleCheck;
import dev.portcullis.catalog.Violations;
import dev.portcullis.checks.relations.PropertyLookup.Hit;
import dev.portcullis.checks.relations.PropertyLookup.Kind;
import dev.portcullis.checks.relations.PropertyLookup.Places;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.resolve.Value;

/**
 * {@code relations.bucket-kms-encryption}: an S3 bucket whose default encryption is not SSE-KMS or DSSE-KMS
 * ({@code BucketEncryption.ServerSideEncryptionConfiguration} missing, or a rule of it with another
 * {@code SSEAlgorithm}), unless the bucket receives S3, load balancer or CloudFront logs, which cannot be written
 * to a KMS-encrypted bucket. Reports the missing configuration at the bucket and each other algorithm at its key.
 */
public final class BucketKmsEncryption implements RuleCheck<NoParams> {

    private static final List<String> KMS_ALGORITHMS = List.of("aws:kms", "aws:kms:dsse");

    @Override
    public Class<NoParams> params() {
        return NoParams.class;
    }

    @Override
    public void evaluate(ResourceContext context, NoParams params, Violations out) {
        Places places = new Places();
        Hit rules = PropertyLookup.find(context.properties(), context.resource().keySpan(), "",
                "BucketEncryption", "ServerSideEncryptionConfiguration");
        if (rules.kind() == Kind.UNDETERMINED) {
            places.unknown(rules);
        } else if (!rules.isSet()) {
            places.fail(rules.span(), rules.path());
        }
        if (rules.kind() == Kind.PRESENT) {
            Value value = rules.value();
            if (value instanceof Value.Unknown || value instanceof Value.Symbolic) {
                places.unknown(rules);
            } else if (value instanceof Value.Seq seq) {
                for (int i = 0; i < seq.items().size(); i++) {
                    rule(seq.items().get(i), PropertyLookup.join(rules.path(), Integer.toString(i)), places);
                }
            } else {
                rule(value, rules.path(), places); // a single rule written without the list
            }
        }
        places.reportUnlessLogDestination(context, out);
    }

    /** One encryption rule: its {@code ServerSideEncryptionByDefault.SSEAlgorithm} must name a KMS algorithm. */
    private static void rule(Value rule, String path, Places places) {
        Hit algorithm = PropertyLookup.find(rule, rule.span(), path, "ServerSideEncryptionByDefault", "SSEAlgorithm");
        if (algorithm.isOpen()) {
            places.unknown(algorithm);
        } else if (!algorithm.isSet()) {
            places.fail(algorithm.span(), algorithm.path());
        } else if (!(algorithm.value() instanceof Value.Scalar s)
                || s.value() instanceof Boolean || !KMS_ALGORITHMS.contains(s.text())) {
            places.fail(algorithm.span(), algorithm.path());
        }
    }
}
