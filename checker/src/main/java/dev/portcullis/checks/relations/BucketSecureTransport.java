package dev.portcullis.checks.relations;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;

import dev.portcullis.catalog.NoParams;
import dev.portcullis.catalog.RuleCheck;
import dev.portcullis.catalog.Violations;
import dev.portcullis.checks.iam.ActionGlob;
import dev.portcullis.checks.iam.PolicyDocument;
import dev.portcullis.checks.iam.PolicyKind;
import dev.portcullis.checks.iam.Statement;
import dev.portcullis.checks.values.Answer;
import dev.portcullis.checks.values.PartialText;
import dev.portcullis.checks.values.Sources;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.model.Resource;
import dev.portcullis.model.Span;
import dev.portcullis.resolve.Value;

/**
 * {@code relations.bucket-secure-transport}: an S3 bucket that no {@code AWS::S3::BucketPolicy} of the template
 * protects with a statement denying requests without TLS ({@code Deny} for every principal, reads and writes of
 * S3, {@code Bool: {aws:SecureTransport: false}}). Reports at the bucket's logical id.
 */
public final class BucketSecureTransport implements RuleCheck<NoParams> {

    private static final String POLICY = "AWS::S3::BucketPolicy";

    @Override
    public Class<NoParams> params() {
        return NoParams.class;
    }

    @Override
    public void evaluate(ResourceContext context, NoParams params, Violations out) {
        Resource bucket = context.resource();
        Answer protectedByPolicy = Answer.NO;
        String why = null;
        for (Resource other : context.resourcesOfType(POLICY)) {
            if (!context.exists(other)) {
                continue;
            }
            Value policy = context.propertiesOf(other);
            if (!(policy instanceof Value.Struct props)) {
                continue;
            }
            Sources sources = Sources.of(context, other);
            Answer target = BucketReference.names(props.get("Bucket"), sources, context, bucket);
            if (target == Answer.NO) {
                continue;
            }
            Answer denies = Answer.NO;
            for (PolicyDocument document : PolicyDocument.of(context, other, EnumSet.of(PolicyKind.RESOURCE))) {
                if (!document.undetermined().isEmpty()) {
                    denies = denies.or(Answer.MAYBE);
                }
                for (Statement statement : document.statements()) {
                    denies = denies.or(deniesInsecureTransport(statement, sources));
                }
            }
            Answer here = target.and(denies);
            if (here == Answer.MAYBE && why == null) {
                why = "bucket policy " + other.logicalId() + " may or may not deny insecure transport to this bucket";
            }
            protectedByPolicy = protectedByPolicy.or(here);
        }
        if (protectedByPolicy == Answer.NO) {
            out.fail((Span) null, "", Map.of());
        } else if (protectedByPolicy == Answer.MAYBE) {
            out.unknown(null, "", why);
        }
    }

    /** A Deny for everyone, covering object reads and writes, when {@code aws:SecureTransport} is false. */
    static Answer deniesInsecureTransport(Statement statement, Sources sources) {
        Answer deny = statement.effect() == null ? Answer.NO : statement.allows().not();
        if (deny == Answer.NO) {
            return Answer.NO;
        }
        Answer everyone = everyone(statement.principal(), sources);
        Answer actions = coversAction(statement, "s3:GetObject", sources).and(coversAction(statement, "s3:PutObject", sources));
        return deny.and(everyone).and(actions).and(insecureTransportCondition(statement.condition()));
    }

    private static Answer everyone(Value principal, Sources sources) {
        if (principal == null) {
            return Answer.NO;
        }
        if (principal instanceof Value.Struct s) {
            principal = s.get("AWS");
        }
        if (principal instanceof Value.Seq seq) {
            Answer any = Answer.NO;
            for (Value item : seq.items()) {
                any = any.or(PartialText.of(item, sources).isWildcard());
            }
            return any;
        }
        return principal == null ? Answer.NO : PartialText.of(principal, sources).isWildcard();
    }

    private static Answer coversAction(Statement statement, String action, Sources sources) {
        Answer any = Answer.NO;
        for (Statement.Element e : statement.actions()) {
            PartialText text = e.text(sources);
            String literal = text.literal();
            if (literal == null) {
                any = any.or(text.hasOpenGap() ? Answer.MAYBE : Answer.NO);
            } else if (ActionGlob.matches(literal, action)) {
                return Answer.YES;
            }
        }
        return any;
    }

    private static Answer insecureTransportCondition(Value condition) {
        if (condition instanceof Value.Unknown) {
            return Answer.MAYBE;
        }
        if (!(condition instanceof Value.Struct operators)) {
            return Answer.NO;
        }
        for (Value.Field operator : operators.fields()) {
            String op = operator.name().toLowerCase(Locale.ROOT);
            if (!(op.equals("bool") || op.equals("boolifexists")) || !(operator.value() instanceof Value.Struct keys)) {
                continue;
            }
            for (Value.Field key : keys.fields()) {
                if (key.name().equalsIgnoreCase("aws:SecureTransport") && isFalse(key.value())) {
                    return Answer.YES;
                }
            }
        }
        return Answer.NO;
    }

    private static boolean isFalse(Value value) {
        if (value instanceof Value.Seq seq) {
            return seq.items().stream().anyMatch(BucketSecureTransport::isFalse);
        }
        return value instanceof Value.Scalar s && s.text().trim().equalsIgnoreCase("false");
    }
}
