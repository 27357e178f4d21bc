package dev.portcullis.checks.secrets;

import dev.portcullis.checks.values.Answer;
import dev.portcullis.checks.values.Sources;
import dev.portcullis.model.IntrinsicNode;
import dev.portcullis.model.Node;
import dev.portcullis.model.Parameter;
import dev.portcullis.resolve.Value;

/**
 * Whether the value of a secret-holding property is written into the template (or shown by CloudFormation), and
 * why. Safe: a dynamic reference to Secrets Manager or an SSM SecureString, a {@code NoEcho} parameter without a
 * default, a value another resource produces. Exposed: a literal, a parameter with a {@code Default}, a parameter
 * without {@code NoEcho} (its value is shown in the console and by DescribeStacks), a plain SSM reference (stored
 * unencrypted).
 */
public final class SecretValue {

    /** The answer and, when exposed, the reason in a few words for the message. */
    public record Judgement(Answer exposed, String how) {
        static final Judgement SAFE = new Judgement(Answer.NO, null);
    }

    private SecretValue() {
    }

    public static Judgement judge(Value value, Sources sources) {
        if (value == null) {
            return Judgement.SAFE;
        }
        Parameter parameter = sources.referencedParameter(value.span());
        if (parameter != null) {
            return judgeParameter(parameter);
        }
        if (value instanceof Value.Scalar s) {
            if (!(s.value() instanceof String text) || text.isBlank() || isBoolean(text)) {
                return Judgement.SAFE;
            }
            if (isSecureReference(text) || text.startsWith("arn:")) {
                // A dynamic reference, or the ARN of where the secret is kept.
                return Judgement.SAFE;
            }
            if (text.contains("{{resolve:ssm:")) {
                return new Judgement(Answer.YES, "a plain (unencrypted) SSM parameter");
            }
            return new Judgement(Answer.YES, "a literal value");
        }
        if (value instanceof Value.Symbolic sym) {
            return sym.text().contains("{{resolve:ssm:") && !isSecureReference(sym.text())
                    ? new Judgement(Answer.YES, "a plain (unencrypted) SSM parameter") : Judgement.SAFE;
        }
        if (value instanceof Value.Unknown u) {
            Node node = sources.nodeAt(u.span());
            if (node instanceof IntrinsicNode f && f.function().equals("Fn::If")) {
                return new Judgement(Answer.MAYBE, u.reason());
            }
        }
        // Imported values, lists, mappings: nothing written here.
        return Judgement.SAFE;
    }

    private static Judgement judgeParameter(Parameter parameter) {
        if (parameter.type().startsWith("AWS::SSM::Parameter::Value")) {
            // The default names the SSM parameter; the value stays in the parameter store.
            return Judgement.SAFE;
        }
        if (parameter.defaultValue() != null) {
            return new Judgement(Answer.YES, "parameter " + parameter.name() + ", which has a Default");
        }
        if (!parameter.noEcho()) {
            return new Judgement(Answer.YES, "parameter " + parameter.name() + ", which is not NoEcho");
        }
        return Judgement.SAFE;
    }

    static boolean isSecureReference(String text) {
        return text.contains("{{resolve:secretsmanager:") || text.contains("{{resolve:ssm-secure:");
    }

    private static boolean isBoolean(String text) {
        return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
    }
}
