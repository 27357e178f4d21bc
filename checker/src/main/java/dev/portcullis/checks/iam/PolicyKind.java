package dev.portcullis.checks.iam;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a policy document governs, which decides what a risky statement means: an identity policy grants its
 * holder, a resource policy grants the named principals access to one resource, a trust policy says who may
 * assume a role. Rules choose the kinds they look at with {@code params.documents}.
 */
public enum PolicyKind {
    IDENTITY, RESOURCE, TRUST;

    /** Parses {@code documents} params ({@code identity}, {@code resource}, {@code trust}); empty means all. */
    public static Set<PolicyKind> parse(List<String> names) {
        if (names == null || names.isEmpty()) {
            return EnumSet.allOf(PolicyKind.class);
        }
        Set<PolicyKind> out = EnumSet.noneOf(PolicyKind.class);
        for (String name : names) {
            try {
                out.add(valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown policy document kind '" + name
                        + "' (expected identity, resource or trust)");
            }
        }
        return out;
    }
}
