package dev.portcullis.checks.schema;

import java.util.regex.Pattern;

/**
 * A {@code patternProperties} entry: property names the pattern finds a match in take {@code schema}.
 * {@code pattern} is null when the schema's regex does not compile in java.util.regex; such an entry
 * matches every name, so an untranslatable pattern can never cause a finding.
 */
public record PatternProperty(String source, Pattern pattern, SchemaNode schema) {

    public boolean matches(String propertyName) {
        return pattern == null || pattern.matcher(propertyName).find();
    }
}
