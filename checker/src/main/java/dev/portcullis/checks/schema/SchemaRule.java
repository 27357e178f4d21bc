package dev.portcullis.checks.schema;

import dev.portcullis.model.Severity;

/**
 * The findings property validation can report: each has a stable id (users waive and filter by it) and a
 * default severity. Unknown properties and types rank high because a misspelt key is silently dropped by
 * CloudFormation, so the security control it was meant to set never takes effect.
 */
public enum SchemaRule {
    UNKNOWN_PROPERTY("schema-unknown-property", Severity.HIGH,
            "Property not defined by the resource type (typo, or read-only and ignored)"),
    WRONG_TYPE("schema-wrong-type", Severity.MEDIUM,
            "Property value has the wrong type"),
    MISSING_REQUIRED("schema-missing-required", Severity.MEDIUM,
            "Required property is missing"),
    INVALID_ENUM("schema-invalid-enum", Severity.MEDIUM,
            "Property value is not one of the allowed values"),
    UNKNOWN_RESOURCE_TYPE("schema-unknown-resource-type", Severity.HIGH,
            "Resource type does not exist");

    private final String id;
    private final Severity severity;
    private final String title;

    SchemaRule(String id, Severity severity, String title) {
        this.id = id;
        this.severity = severity;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String title() {
        return title;
    }
}
