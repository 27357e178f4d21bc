package dev.portcullis.response.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The audit of deployed changes ({@code audit:} in the configuration). {@code enabled} creates the CloudTrail rule
 * and the audit function; {@code ownRoles} are IAM role ARNs whose changes are never reverted (for example a
 * deployment pipeline's role), besides the audit function's own role and CloudFormation, which are always exempt.
 * Reverts follow the configuration's top-level {@code dry-run}.
 *
 * <pre>
 * audit:
 *   enabled: true
 *   own-roles: [arn:aws:iam::111122223333:role/deploy-pipeline]
 * </pre>
 */
public record AuditSettings(boolean enabled, List<String> ownRoles) {

    /** An IAM role ARN, with or without a path. */
    static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

    /**
     * The audit function's role is named after the region it runs in, so that its own changes can be recognised in
     * any CloudTrail event from the event's account and region alone, also by {@code portcullis replay}, which has no
     * deployed stack to ask. IAM names are account-wide: one response stack per account and region.
     */
    private static final String RESPONDER_ROLE_PREFIX = "portcullis-audit-";

    public AuditSettings {
        ownRoles = List.copyOf(ownRoles);
    }

    public static AuditSettings defaults() {
        return new AuditSettings(true, List.of());
    }

    /** The name of the audit function's role in {@code region}. */
    public static String responderRoleName(String region) {
        return RESPONDER_ROLE_PREFIX + region.toLowerCase(Locale.ROOT);
    }
}
