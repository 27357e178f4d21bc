package dev.portcullis.model;

/**
 * A node of the parsed template tree. JSON and YAML parse into the same four kinds;
 * short-form YAML tags and long-form JSON intrinsics both become {@link IntrinsicNode}.
 */
public sealed interface Node permits ScalarNode, MappingNode, SequenceNode, IntrinsicNode {

    Span span();

    /** The node as plain Java data in CloudFormation's long form (maps, lists, scalars), for tests and debugging. */
    Object toPlain();
}
