package dev.portcullis.model;

/**
 * Where a finding's resource comes from in a CDK app, read from the cloud assembly: the stack artifact, the
 * construct path ({@code aws:cdk:path} metadata) and, when the assembly holds creation stack traces, the first
 * frame in the user's own code.
 *
 * @param artifact      the cloud assembly's stack artifact id (e.g. {@code Prod/AppStack} for a stack in a Stage)
 * @param constructPath the construct path, e.g. {@code AppStack/Bucket/Resource}
 * @param sourceFile    the user source file that created the construct; null when unknown
 * @param sourceLine    its line; null when unknown
 */
public record CdkOrigin(String artifact, String constructPath, String sourceFile, Integer sourceLine) {
}
