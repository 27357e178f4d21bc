package dev.portcullis.catalog;

import java.math.BigDecimal;

/**
 * Compares template literals the way CloudFormation reads them: a property typed boolean accepts the string
 * {@code "true"}, a number accepts {@code "443"}; strings themselves compare exactly.
 */
final class Literals {

    private Literals() {
    }

    static boolean sameValue(Object actual, Object expected) {
        if (actual == null || expected == null) {
            return actual == expected;
        }
        if (expected instanceof Boolean b) {
            return actual instanceof Boolean a ? a.equals(b) : actual instanceof String s && isBoolean(s, b);
        }
        if (actual instanceof Boolean a) {
            return expected instanceof String s && isBoolean(s, a);
        }
        if (expected instanceof Number || actual instanceof Number) {
            BigDecimal x = number(actual);
            BigDecimal y = number(expected);
            if (x != null && y != null) {
                return x.compareTo(y) == 0;
            }
        }
        return text(actual).equals(text(expected));
    }

    private static boolean isBoolean(String text, boolean value) {
        return text.equalsIgnoreCase(value ? "true" : "false");
    }

    /** The literal as a number, or null when it is not one. */
    static BigDecimal number(Object value) {
        if (value instanceof Number n) {
            try {
                return new BigDecimal(n.toString());
            } catch (NumberFormatException e) {
                return null; // NaN or infinity
            }
        }
        if (value instanceof String s) {
            String t = s.trim();
            if (t.isEmpty() || t.length() > 40) {
                return null;
            }
            try {
                return new BigDecimal(t);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The literal as CloudFormation passes it to a string property. */
    static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /**
     * True for a world-open CIDR block: any IPv4 or IPv6 address with prefix length 0 ({@code 0.0.0.0/0},
     * {@code ::/0}). Narrower blocks are not world-open, however large.
     */
    static boolean isWorldOpen(Object value) {
        if (!(value instanceof String s)) {
            return false;
        }
        String t = s.trim();
        int slash = t.indexOf('/');
        if (slash < 0 || !t.substring(slash + 1).trim().equals("0")) {
            return false;
        }
        String address = t.substring(0, slash).trim();
        return address.contains(":") ? address.matches("[0-9A-Fa-f:.]+") : address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}
