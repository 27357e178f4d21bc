package dev.portcullis.engine;

import dev.portcullis.model.Resource;
import dev.portcullis.model.Template;
import dev.portcullis.resolve.Value;

/**
 * What a check sees of one resource in one scenario: the template, the resource, and its
 * {@code Properties} after evaluation ({@code properties} is null when the resource has none).
 */
public record ResourceContext(Template template, Resource resource, Value properties) {

    /** The finding path prefix of this resource's properties, e.g. {@code Resources/Bucket/Properties}. */
    public String propertiesPath() {
        return "Resources/" + resource.logicalId() + "/Properties";
    }
}
