package dev.portcullis.response.config;

/**
 * The rule numbers reserved for our deny entries in each network ACL, in both directions: {@code firstRuleNumber}
 * to {@code firstRuleNumber + maxEntries - 1}. Low numbers are evaluated first, so the range must sit below the
 * ACL's allow rules. AWS allows 20 rules per direction by default, which bounds {@code maxEntries}.
 */
public record NaclSettings(int firstRuleNumber, int maxEntries) {

    public static final int DEFAULT_FIRST_RULE_NUMBER = 1;
    public static final int DEFAULT_MAX_ENTRIES = 10;

    public static NaclSettings defaults() {
        return new NaclSettings(DEFAULT_FIRST_RULE_NUMBER, DEFAULT_MAX_ENTRIES);
    }

    public int lastRuleNumber() {
        return firstRuleNumber + maxEntries - 1;
    }
}
