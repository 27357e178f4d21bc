package dev.portcullis.response.finding;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a finding came from: GuardDuty's own EventBridge event, or a Security Hub import (ASFF). */
public enum FindingSource {
    GUARDDUTY("guardduty"),
    SECURITY_HUB("securityhub");

    private final String wireName;

    FindingSource(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in configuration ({@code sources: [guardduty, securityhub]}). */
    @JsonValue
    public String wireName() {
        return wireName;
    }
}
