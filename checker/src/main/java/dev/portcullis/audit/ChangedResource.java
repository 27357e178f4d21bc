package dev.portcullis.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A resource a change touched: its CloudFormation type, its Cloud Control identifier, the logical id it gets in the
 * in-memory template, and the properties the event itself states (CloudFormation-shaped). {@code readable} is
 * whether Cloud Control can read the live resource; when it cannot, the stated properties are all there is.
 */
public record ChangedResource(String logicalId, String type, String identifier, ObjectNode stated, boolean readable) {

    public ChangedResource {
        stated = stated.deepCopy();
    }

    @Override
    public ObjectNode stated() {
        return stated.deepCopy();
    }
}
