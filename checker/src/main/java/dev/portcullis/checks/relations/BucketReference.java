package dev.portcullis.checks.relations;

import dev.portcullis.checks.values.Answer;
import dev.portcullis.checks.values.PartialText;
import dev.portcullis.checks.values.Sources;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.model.Resource;
import dev.portcullis.resolve.Value;

/**
 * Whether a value names a given S3 bucket of the template: {@code !Ref Bucket}, or the same name as the bucket's
 * {@code BucketName} (the same literal, or the same {@code Fn::Sub}/parameter, which yields the same name). A name
 * left open by a parameter may name a bucket whose name is also not fixed: MAYBE.
 */
final class BucketReference {

    private BucketReference() {
    }

    /** YES, NO, or MAYBE when the value is a name the template leaves open. */
    static Answer names(Value value, Sources valueSources, ResourceContext bucketContext, Resource bucket) {
        if (value == null) {
            return Answer.NO;
        }
        return names(PartialText.of(value, valueSources), bucketContext, bucket);
    }

    /** As {@link #names(Value, Sources, ResourceContext, Resource)}, for a name already taken apart. */
    static Answer names(PartialText text, ResourceContext bucketContext, Resource bucket) {
        if (text.display().equals("${" + bucket.logicalId() + "}")) {
            return Answer.YES;
        }
        Value name = bucket == bucketContext.resource() && bucketContext.properties() instanceof Value.Struct props
                ? props.get("BucketName")
                : bucketContext.propertiesOf(bucket) instanceof Value.Struct other ? other.get("BucketName") : null;
        if (name == null) {
            // S3 generates the name at deployment: only the bucket's own Ref or attributes can name it.
            return Answer.NO;
        }
        PartialText bucketName = PartialText.of(name, Sources.of(bucketContext, bucket));
        if (bucketName.display().equals(text.display())) {
            return Answer.YES;
        }
        if (text.literal() != null && bucketName.literal() != null) {
            return Answer.NO;
        }
        return text.hasOpenGap() || bucketName.hasOpenGap() ? Answer.MAYBE : Answer.NO;
    }
}
