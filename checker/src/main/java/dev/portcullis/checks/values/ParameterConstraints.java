package dev.portcullis.checks.values;

import java.util.List;

import dev.portcullis.model.Parameter;

/**
 * What a parameter's declaration says about the values it can take, so a value from a parameter without a default
 * can still be judged: an account id constrained to twelve digits is never {@code *}.
 */
final class ParameterConstraints {

    private ParameterConstraints() {
    }

    /** True when the parameter's type, AllowedValues or AllowedPattern rule out a value containing {@code *}. */
    static boolean excludeWildcard(Parameter p) {
        if (p == null) {
            return false;
        }
        String type = p.type();
        if (type.equals("Number") || type.equals("List<Number>")
                || (type.startsWith("AWS::") && !type.startsWith("AWS::SSM::Parameter::Value"))
                || (type.startsWith("List<AWS::") && !type.contains("SSM"))) {
            // Numbers, and AWS-specific types CloudFormation validates as existing ids and names.
            return true;
        }
        List<String> allowed = p.allowedValues();
        if (!allowed.isEmpty()) {
            return allowed.stream().noneMatch(v -> v.contains("*"));
        }
        String pattern = p.node().string("AllowedPattern");
        return pattern != null && cannotMatchStar(pattern);
    }

    /**
     * A conservative reading of a regular expression: it cannot match a {@code *} when it has no construct that
     * could (an unescaped dot, {@code \*}, a negated or star-holding class, {@code \S \W \D \p \X}, a back door
     * such as an inline flag or quote). Anything it is unsure of counts as able to.
     */
    static boolean cannotMatchStar(String regex) {
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 >= regex.length()) {
                    return false;
                }
                char next = regex.charAt(++i);
                if ("*SWDpPXQExuc0".indexOf(next) >= 0) {
                    return false;
                }
                continue;
            }
            if (inClass) {
                if (c == '*' || (c == '^' && regex.charAt(i - 1) == '[') || c == '&' || c == '[') {
                    return false;
                }
                if (c == ']') {
                    inClass = false;
                }
                continue;
            }
            if (c == '[') {
                inClass = true;
            } else if (c == '.' || (c == '(' && i + 1 < regex.length() && regex.charAt(i + 1) == '?'
                    && i + 2 < regex.length() && regex.charAt(i + 2) != ':')) {
                return false;
            }
        }
        return !inClass;
    }
}
