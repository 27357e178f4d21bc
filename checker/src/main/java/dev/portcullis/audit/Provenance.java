package dev.portcullis.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.portcullis.response.config.AuditSettings;
import dev.portcullis.response.plan.SkipReason;

/**
 * Who made a change, as far as fight loops go: our own response role, a role the configuration trusts, or
 * CloudFormation. Such changes are never reverted: reverting our own write would undo a response, and reverting
 * CloudFormation would leave the stack drifted and the next update putting the change back.
 */
final class Provenance {

    private static final String CLOUDFORMATION = "cloudformation.amazonaws.com";
    private static final Pattern ASSUMED_ROLE = Pattern.compile("arn:(aws[a-z-]*):sts::(\\d{12}):assumed-role/([^/]+)/.*");
    private static final Pattern ROLE = Pattern.compile("arn:(aws[a-z-]*):iam::(\\d{12}):role/(?:.*/)?([^/]+)");

    /** Why a change is exempt from reverts. */
    record Exemption(SkipReason code, String reason) {
    }

    private final List<String> ownRoles;

    /**
     * @param ownRoles role ARNs whose changes are ours: the configuration's {@code audit.own-roles} plus, in the
     *                 Lambda, its own execution role
     */
    Provenance(List<String> ownRoles) {
        this.ownRoles = List.copyOf(ownRoles);
    }

    Optional<Exemption> exemption(CloudTrailChange change) {
        CloudTrailChange.Actor actor = change.actor();
        if (CLOUDFORMATION.equals(actor.invokedBy()) || CLOUDFORMATION.equals(actor.sourceIp())) {
            return Optional.of(new Exemption(SkipReason.CLOUDFORMATION_CHANGE, "made by CloudFormation on behalf of "
                    + actor.display() + ": change the stack's template instead (the gate checks it before deployment)"));
        }
        List<String> candidates = new ArrayList<>();
        if (actor.sessionIssuerArn() != null) {
            candidates.add(actor.sessionIssuerArn());
        }
        if (actor.arn() != null) {
            candidates.add(actor.arn());
        }
        for (String candidate : candidates) {
            String role = roleKey(candidate);
            if (role == null) {
                continue;
            }
            if (change.account() != null && change.region() != null && role.equalsIgnoreCase(change.account() + "/"
                    + AuditSettings.responderRoleName(change.region()))) {
                return Optional.of(new Exemption(SkipReason.OWN_CHANGE, "made by the response stack's own audit role ("
                        + candidate + ")"));
            }
            for (String own : ownRoles) {
                if (role.equalsIgnoreCase(roleKey(own))) {
                    return Optional.of(new Exemption(SkipReason.OWN_CHANGE, "made by " + candidate
                            + ", one of the response stack's own or trusted roles (" + own + ")"));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code account/role-name} of a role ARN or an assumed-role session ARN; null for anything else. */
    static String roleKey(String arn) {
        if (arn == null) {
            return null;
        }
        Matcher m = ASSUMED_ROLE.matcher(arn);
        if (m.matches()) {
            return m.group(2) + "/" + m.group(3).toLowerCase(Locale.ROOT);
        }
        m = ROLE.matcher(arn);
        if (m.matches()) {
            return m.group(2) + "/" + m.group(3).toLowerCase(Locale.ROOT);
        }
        return null;
    }
}
