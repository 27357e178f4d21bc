package dev.portcullis.response.config;

import java.util.regex.Pattern;

/**
 * One entry of the finding-type filter: an exact GuardDuty type ({@code Recon:EC2/PortProbeUnprotectedPort}) or a
 * prefix ending in {@code *} ({@code UnauthorizedAccess:EC2/*}). The same entry becomes an EventBridge {@code prefix}
 * match, so nothing richer than a trailing star is allowed.
 */
public record FindingTypePattern(String text) {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9:/.!&_-]+\\*?");

    public FindingTypePattern {
        if (text == null || text.isEmpty() || text.equals("*") || !SHAPE.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a finding type or a prefix ending in *, "
                    + "e.g. Recon:EC2/PortProbeUnprotectedPort or UnauthorizedAccess:EC2/*");
        }
    }

    public boolean isPrefix() {
        return text.endsWith("*");
    }

    /** The type, or the prefix without its star. */
    public String stem() {
        return isPrefix() ? text.substring(0, text.length() - 1) : text;
    }

    public boolean matches(String type) {
        return type != null && (isPrefix() ? type.startsWith(stem()) : type.equals(text));
    }

    @Override
    public String toString() {
        return text;
    }
}
