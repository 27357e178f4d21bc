package dev.portcullis.engine;

import dev.portcullis.model.Node;
import dev.portcullis.model.Resource;
import dev.portcullis.model.Template;
import dev.portcullis.resolve.Resolver;
import dev.portcullis.resolve.Scenario;
import dev.portcullis.resolve.Value;

/**
 * What a check sees of one resource in one scenario: the template, the resource, and its
 * {@code Properties} after evaluation ({@code properties} is null when the resource has none).
 * {@code resolver} and {@code scenario} let checks about relations between resources evaluate other parts of
 * the template in the same scenario; {@code resolver} is null for contexts built by hand in tests.
 */
public record ResourceContext(Template template, Resource resource, Value properties, Resolver resolver,
                              Scenario scenario) {

    /** A context without a resolver: checks that look only at this resource's properties. */
    public ResourceContext(Template template, Resource resource, Value properties) {
        this(template, resource, properties, null, Scenario.NONE);
    }

    /** The finding path prefix of this resource's properties, e.g. {@code Resources/Bucket/Properties}. */
    public String propertiesPath() {
        return "Resources/" + resource.logicalId() + "/Properties";
    }

    /**
     * Evaluates any node of the template in this context's scenario (null for {@code AWS::NoValue}). Without a
     * resolver the node cannot be evaluated and comes back {@link Value.Unknown}.
     */
    public Value resolve(Node node) {
        if (node == null) {
            return null;
        }
        if (resolver == null) {
            return new Value.Unknown("no resolver in this context", node.span());
        }
        return resolver.resolve(node, scenario);
    }

    /** The evaluated {@code Properties} of another resource of the template in this scenario (null when none). */
    public Value propertiesOf(Resource other) {
        if (other == resource) {
            return properties;
        }
        return resolve(other.properties());
    }

    /** Whether another resource exists in this scenario (its {@code Condition}, if any, does not rule it out). */
    public boolean exists(Resource other) {
        return resolver == null || resolver.exists(other, scenario);
    }
}
