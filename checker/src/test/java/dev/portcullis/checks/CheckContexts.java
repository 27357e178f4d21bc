package dev.portcullis.checks;

import java.nio.charset.StandardCharsets;

import dev.portcullis.catalog.RuleCheck;
import dev.portcullis.catalog.Violations;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.model.Resource;
import dev.portcullis.model.Template;
import dev.portcullis.parse.TemplateParser;
import dev.portcullis.resolve.Inputs;
import dev.portcullis.resolve.Resolver;
import dev.portcullis.resolve.Scenario;
import dev.portcullis.resolve.Value;

/** Builds the context a Java check sees for one resource of a small YAML template, as the engine would. */
public final class CheckContexts {

    private CheckContexts() {
    }

    public static ResourceContext of(String yaml, String logicalId) {
        Template template = new TemplateParser().parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        Resolver resolver = new Resolver(template, Inputs.NONE);
        Resource resource = template.resources().get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("no resource " + logicalId);
        }
        Value properties = resource.properties() == null ? null : resolver.resolve(resource.properties(), Scenario.NONE);
        return new ResourceContext(template, resource, properties, resolver, Scenario.NONE);
    }

    /** Runs the check on the resource and returns what it reported. */
    public static <P extends Record> Violations run(RuleCheck<P> check, P params, String yaml, String logicalId) {
        Violations out = new Violations();
        check.evaluate(of(yaml, logicalId), params, out);
        return out;
    }
}
