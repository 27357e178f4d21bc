package dev.portcullis.checks.relations;

import dev.portcullis.catalog.NoParams;
import dev.portcullis.catalog.RuleCheck;
import dev.portcullis.catalog.Violations;
import dev.portcullis.checks.relations.PropertyLookup.Hit;
import dev.portcullis.checks.relations.PropertyLookup.Kind;
import dev.portcullis.checks.relations.PropertyLookup.Places;
import dev.portcullis.engine.ResourceContext;

/**
 * {@code relations.bucket-access-logging}: an S3 bucket without {@code LoggingConfiguration}, unless it receives
 * S3, load balancer or CloudFront logs itself: logging a log bucket needs yet another bucket, and a bucket logging
 * into itself grows without end. Reports at the bucket.
 */
public final class BucketAccessLogging implements RuleCheck<NoParams> {

    @Override
    public Class<NoParams> params() {
        return NoParams.class;
    }

    @Override
    public void evaluate(ResourceContext context, NoParams params, Violations out) {
        Places places = new Places();
        Hit logging = PropertyLookup.find(context.properties(), context.resource().keySpan(), "",
                "LoggingConfiguration");
        if (logging.kind() == Kind.UNDETERMINED) {
            places.unknown(logging);
        } else if (!logging.isSet()) {
            places.fail(logging.span(), logging.path());
        }
        places.reportUnlessLogDestination(context, out);
    }
}
