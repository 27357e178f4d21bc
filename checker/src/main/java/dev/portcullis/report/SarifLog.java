package dev.portcullis.report;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The part of SARIF 2.1.0 the gate writes, as typed records: the document shape lives here, apart from how it is
 * filled in ({@link SarifReporter}). Absent optional values are left out rather than written as null, because the
 * SARIF schema does not allow null for them.
 */
@JsonPropertyOrder({"$schema", "version", "runs"})
record SarifLog(@JsonProperty("$schema") String schema, String version, List<Run> runs) {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String VERSION = "2.1.0";

    @JsonPropertyOrder({"tool", "originalUriBaseIds", "invocations", "results"})
    record Run(Tool tool, Map<String, ArtifactLocation> originalUriBaseIds, List<Invocation> invocations,
               List<Result> results) {
    }

    record Tool(Driver driver) {
    }

    @JsonPropertyOrder({"name", "version", "informationUri", "rules"})
    record Driver(String name, String version, String informationUri, List<ReportingDescriptor> rules) {
    }

    /** One rule: {@code tool.driver.rules[]}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "shortDescription", "fullDescription", "help", "helpUri", "defaultConfiguration",
            "properties"})
    record ReportingDescriptor(String id, Message shortDescription, Message fullDescription, Message help,
                               String helpUri, Configuration defaultConfiguration, RuleProperties properties) {
    }

    record Configuration(String level) {
    }

    @JsonPropertyOrder({"security-severity", "tags"})
    record RuleProperties(@JsonProperty("security-severity") String securitySeverity, List<String> tags) {
    }

    /** Plain text, and Markdown where a consumer can render it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"text", "markdown"})
    record Message(String text, String markdown) {

        static Message of(String text) {
            return new Message(text, null);
        }
    }

    @JsonPropertyOrder({"executionSuccessful", "toolExecutionNotifications"})
    record Invocation(boolean executionSuccessful, List<Notification> toolExecutionNotifications) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"level", "message", "locations"})
    record Notification(String level, Message message, List<Location> locations) {
    }

    /** {@code baselineState}: {@code new} or {@code unchanged} when the check compared with a baseline. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"ruleId", "ruleIndex", "level", "message", "locations", "partialFingerprints",
            "baselineState", "suppressions", "properties"})
    record Result(String ruleId, int ruleIndex, String level, Message message, List<Location> locations,
                  Map<String, String> partialFingerprints, String baselineState, List<Suppression> suppressions,
                  ResultProperties properties) {
    }

    /**
     * Why a result is suppressed: {@code kind} {@code inSource} (template Metadata) or {@code external} (waiver file,
     * baseline); {@code status} is always {@code accepted}, since only suppressions that hold are written.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"kind", "status", "justification", "properties"})
    record Suppression(String kind, String status, String justification, SuppressionProperties properties) {
    }

    /** Where the suppression is written, who owns it and until when. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"source", "owner", "expires"})
    record SuppressionProperties(String source, String owner, String expires) {
    }

    /**
     * {@code scenario}: the condition values under which the finding holds, when not all of them;
     * {@code cdkArtifact} and {@code cdkSource} ({@code file:line} in the CDK app) for templates of a cloud assembly.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"scenario", "cdkArtifact", "cdkSource"})
    record ResultProperties(String scenario, String cdkArtifact, String cdkSource) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"physicalLocation", "logicalLocations"})
    record Location(PhysicalLocation physicalLocation, List<LogicalLocation> logicalLocations) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"artifactLocation", "region"})
    record PhysicalLocation(ArtifactLocation artifactLocation, Region region) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"uri", "uriBaseId"})
    record ArtifactLocation(String uri, String uriBaseId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"startLine", "startColumn"})
    record Region(Integer startLine, Integer startColumn) {
    }

    @JsonPropertyOrder({"name", "kind", "fullyQualifiedName"})
    record LogicalLocation(String name, String kind, String fullyQualifiedName) {
    }
}
