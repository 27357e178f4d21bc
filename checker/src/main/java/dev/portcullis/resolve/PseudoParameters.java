package dev.portcullis.resolve;

import java.util.Set;
import java.util.regex.Pattern;

import dev.portcullis.model.Span;

/**
 * The values of CloudFormation's pseudo-parameters for one deployment. Region and account come from the
 * user; partition and URL suffix follow from the region; stack identity is known only once deployed.
 */
final class PseudoParameters {

    static final String NO_VALUE = "AWS::NoValue";

    private static final Set<String> NAMES = Set.of(
            "AWS::AccountId", "AWS::NotificationARNs", NO_VALUE, "AWS::Partition", "AWS::Region",
            "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

    /** Region names of the commercial partition: two letters, a direction, a number (e.g. ap-southeast-2). */
    private static final Pattern COMMERCIAL_REGION = Pattern.compile("[a-z]{2}-[a-z]+-\\d+");

    private record Partition(String name, String urlSuffix) {
    }

    private final String region;
    private final String account;

    PseudoParameters(Inputs inputs) {
        this.region = blankToNull(inputs.region());
        this.account = blankToNull(inputs.account());
    }

    static boolean isPseudo(String name) {
        return NAMES.contains(name);
    }

    /** The value of a pseudo-parameter other than {@code AWS::NoValue}, which the caller turns into removal. */
    Value value(String name, Span span) {
        switch (name) {
            case "AWS::Region":
                return region != null ? new Value.Scalar(region, span)
                        : new Value.Unknown("AWS::Region is not known; pass --region", span);
            case "AWS::AccountId":
                return account != null ? new Value.Scalar(account, span)
                        : new Value.Unknown("AWS::AccountId is not known; pass --account", span);
            case "AWS::Partition":
            case "AWS::URLSuffix": {
                if (region == null) {
                    return new Value.Unknown(name + " is not known; pass --region", span);
                }
                Partition p = partition(region);
                if (p == null) {
                    return new Value.Unknown(name + " of region " + region + " is not known", span);
                }
                return new Value.Scalar(name.equals("AWS::Partition") ? p.name() : p.urlSuffix(), span);
            }
            default:
                // Stack name, id and notification ARNs are fixed at deployment, not in the template.
                return new Value.Symbolic("${" + name + "}", span);
        }
    }

    private static Partition partition(String region) {
        if (region.startsWith("cn-")) {
            return new Partition("aws-cn", "amazonaws.com.cn");
        }
        if (region.startsWith("us-gov-")) {
            return new Partition("aws-us-gov", "amazonaws.com");
        }
        if (region.startsWith("us-isob-")) {
            return new Partition("aws-iso-b", "sc2s.sgov.gov");
        }
        if (region.startsWith("us-iso-")) {
            return new Partition("aws-iso", "c2s.ic.gov");
        }
        if (COMMERCIAL_REGION.matcher(region).matches()) {
            return new Partition("aws", "amazonaws.com");
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
