package dev.portcullis.checks.schema;

import java.util.List;
import java.util.Optional;

import dev.portcullis.engine.ResourceCheck;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.model.Finding;
import dev.portcullis.model.Resource;
import dev.portcullis.model.Span;
import dev.portcullis.model.Template;

/**
 * Validates a resource's evaluated properties against its CloudFormation resource schema: unknown properties
 * (with a did-you-mean, since a misspelt key such as {@code BucketEncrpytion} silently drops a control),
 * wrong types, missing required properties, values outside an enum, and resource types that do not exist.
 *
 * <p>This is a small walker over the compact schemas rather than networknt's general JSON Schema validator.
 * With networknt, deploy-time values would have to be cut out of a Jackson copy of the tree, which makes a
 * required property set by {@code Ref} or {@code GetAtt} look missing (or, with placeholders instead, fail
 * its type); CloudFormation's leniency (the string "true" is a boolean, 80 is a string) would need custom
 * keywords; each error's instance location would have to be mapped back to a key span; and a failed
 * {@code oneOf} comes out as one vague error per branch. The walker needs a handful of keywords, reports each
 * problem once at the key or value that causes it, and skips symbolic and unknown values where they occur.
 * Only what the compact schemas keep is checked: string patterns, formats, lengths and item counts are not.
 *
 * <p>Not validated: custom resources ({@code Custom::*}, {@code AWS::CloudFormation::CustomResource}),
 * whose properties are the provider's business; {@code AWS::Serverless::*} types, which the SAM transform
 * replaces before CloudFormation sees them; and types outside the {@code AWS::} namespace that have no
 * bundled schema (third-party registry types and modules), which are not reported as unknown either.
 * Templates that name a macro in {@code Transform} are not validated at all: the macro rewrites the template
 * before CloudFormation validates it (custom properties, made-up types), so findings about what is written
 * would be wrong, and the engine already notes that macro output goes unchecked.
 */
public final class PropertyValidation implements ResourceCheck {

    private static final String SAM_PREFIX = "AWS::Serverless::";
    private static final String AWS_PREFIX = "AWS::";

    private final SchemaCatalog catalog;

    public PropertyValidation() {
        this(SchemaCatalog.bundled());
    }

    public PropertyValidation(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<Finding> check(ResourceContext context) {
        Resource resource = context.resource();
        String type = resource.type();
        if (resource.isCustom() || type.startsWith(SAM_PREFIX) || rewrittenByMacro(context.template())) {
            return List.of();
        }
        Optional<ResourceSchema> schema = catalog.schema(type);
        if (schema.isEmpty()) {
            return type.startsWith(AWS_PREFIX) ? List.of(unknownType(resource)) : List.of();
        }
        return new SchemaWalk(schema.get(), resource).run(context.properties(), context.propertiesPath());
    }

    private static boolean rewrittenByMacro(Template template) {
        return template != null && !template.macros().isEmpty();
    }

    private Finding unknownType(Resource resource) {
        SchemaRule rule = SchemaRule.UNKNOWN_RESOURCE_TYPE;
        String type = resource.type();
        Span span = resource.node().entry("Type").map(e -> e.value().span()).orElse(resource.keySpan());
        String suggestion = ClosestName.among(type, catalog.typeNames())
                .map(s -> "; did you mean '" + s + "'?")
                .orElse("");
        return Finding.at(rule.id(), rule.severity(), span, resource.logicalId(), type,
                "Resources/" + resource.logicalId() + "/Type",
                "Unknown resource type '" + type + "'" + suggestion);
    }
}
