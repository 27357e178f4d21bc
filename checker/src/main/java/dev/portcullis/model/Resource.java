package dev.portcullis.model;

/**
 * A resource of the {@code Resources} section. {@code keySpan} is the span of its logical id key, which is
 * where findings about missing properties point.
 */
public record Resource(String logicalId, String type, Span keySpan, MappingNode node) {

    /** The {@code Properties} node, or null when the resource has none. */
    public Node properties() {
        return node.get("Properties");
    }

    /** The name of the condition in the resource's {@code Condition} attribute, or null. */
    public String condition() {
        return node.string("Condition");
    }

    public boolean isCustom() {
        return type.startsWith("Custom::") || type.equals("AWS::CloudFormation::CustomResource");
    }
}
