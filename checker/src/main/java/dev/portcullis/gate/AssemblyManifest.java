package dev.portcullis.gate;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The part of a CDK cloud assembly's {@code manifest.json} the gate reads: its artifacts, and for each stack its
 * template file and the construct metadata that maps logical ids to construct paths and creation stack traces.
 * Fields the gate does not use are ignored (the mapper is lenient on unknown properties), so newer manifest
 * versions still read.
 */
record AssemblyManifest(String version, Map<String, Artifact> artifacts) {

    /** A CloudFormation stack: {@code properties.templateFile}. */
    static final String STACK = "aws:cloudformation:stack";
    /** A nested cloud assembly (a CDK Stage): {@code properties.directoryName}. */
    static final String NESTED_ASSEMBLY = "cdk:cloud-assembly";

    /**
     * One artifact. Construct metadata is either inline ({@code metadata}) or, since cloud assembly schema 50 or
     * so, in a file of its own ({@code additionalMetadataFile}), keyed by construct path with a leading slash.
     */
    record Artifact(String type, Properties properties, Map<String, List<MetadataEntry>> metadata,
                    String additionalMetadataFile, String displayName) {
    }

    /** {@code parameters}: values a stack is deployed with ({@code cdk deploy --parameters} recorded at synth). */
    record Properties(String templateFile, String directoryName, String displayName, Map<String, String> parameters) {
    }

    /**
     * One metadata entry: {@code aws:cdk:logicalId} (data: the logical id; older assemblies put the creation stack
     * in {@code trace}), {@code aws:cdk:creationStack} (data: the frames), and others the gate ignores.
     */
    record MetadataEntry(String type, JsonNode data, List<String> trace) {
        static final String LOGICAL_ID = "aws:cdk:logicalId";
        static final String CREATION_STACK = "aws:cdk:creationStack";
    }
}
