package dev.portcullis.checks.iam;

import java.util.Locale;
import java.util.Set;

import dev.portcullis.checks.values.Answer;
import dev.portcullis.checks.values.PartialText;
import dev.portcullis.checks.values.Sources;
import dev.portcullis.resolve.Value;

/**
 * Whether a statement's {@code Condition} narrows a public principal down to known callers: a source ARN or
 * account (the confused-deputy guard for service principals), a VPC or endpoint, an organization, a caller
 * account. A key only restricts with a positive operator that requires it to be present (not {@code ...IfExists},
 * not {@code Null}, not {@code ForAllValues}, which holds for an absent key) and a value that is not a wildcard.
 */
final class RestrictingCondition {

    private static final Set<String> KEYS = Set.of(
            "aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:sourcevpce", "aws:sourcevpc",
            "aws:sourceip", "aws:vpcsourceip", "aws:sourceorgid", "aws:sourceorgpaths",
            "aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn",
            "aws:principalservicename", "aws:userid", "aws:username",
            "kms:calleraccount", "kms:viaservice", "s3:dataaccesspointaccount", "s3:dataaccesspointarn",
            "lambda:functionarn");

    /** Boolean keys that restrict when required to be true. */
    private static final Set<String> TRUE_KEYS = Set.of(
            "aws:principalisawsservice", "elasticfilesystem:accessedviamounttarget");

    private static final Set<String> OPERATORS = Set.of(
            "stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike", "ipaddress");

    private RestrictingCondition() {
    }

    /** YES when some condition key restricts the callers; MAYBE when the condition is not determined. */
    static Answer restricts(Value condition, Sources sources) {
        if (condition == null) {
            return Answer.NO;
        }
        if (condition instanceof Value.Unknown) {
            return Answer.MAYBE;
        }
        if (!(condition instanceof Value.Struct operators)) {
            return Answer.NO;
        }
        Answer result = Answer.NO;
        for (Value.Field operator : operators.fields()) {
            String op = operator.name().toLowerCase(Locale.ROOT);
            if (op.startsWith("forallvalues:") || op.endsWith("ifexists")) {
                continue;
            }
            if (op.startsWith("foranyvalue:")) {
                op = op.substring("foranyvalue:".length());
            }
            if (operator.value() instanceof Value.Unknown) {
                result = result.or(Answer.MAYBE);
                continue;
            }
            if (!(operator.value() instanceof Value.Struct keys)) {
                continue;
            }
            for (Value.Field key : keys.fields()) {
                String name = key.name().toLowerCase(Locale.ROOT);
                if (op.equals("bool") && TRUE_KEYS.contains(name)) {
                    result = result.or(allValues(key.value(), sources, true));
                } else if (OPERATORS.contains(op) && KEYS.contains(name)) {
                    result = result.or(allValues(key.value(), sources, false));
                }
            }
        }
        return result;
    }

    /**
     * Whether every value of the key restricts: not a wildcard (and not the whole internet for an address), or
     * {@code true} for a boolean key. A value the template leaves open is given the benefit of the doubt: a
     * parameter for an account id or a VPC endpoint is what such conditions hold.
     */
    private static Answer allValues(Value value, Sources sources, boolean mustBeTrue) {
        if (value instanceof Value.Seq seq) {
            if (seq.items().isEmpty()) {
                return Answer.NO;
            }
            Answer all = Answer.YES;
            for (Value item : seq.items()) {
                all = all.and(allValues(item, sources, mustBeTrue));
            }
            return all;
        }
        PartialText text = PartialText.of(value, sources);
        String literal = text.literal();
        if (mustBeTrue) {
            return literal == null ? Answer.YES : Answer.of(literal.equalsIgnoreCase("true"));
        }
        if (literal != null) {
            String v = literal.trim();
            return Answer.of(!v.isEmpty() && !v.chars().allMatch(c -> c == '*')
                    && !v.equals("0.0.0.0/0") && !v.equals("::/0"));
        }
        return text.isWildcard() == Answer.YES ? Answer.NO : Answer.YES;
    }
}
