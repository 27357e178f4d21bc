package dev.portcullis.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

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
 * the template in the same scenario; {@code resolver} is null for contexts built by hand in tests. {@code memo}
 * keeps what checks derive from the template for the whole evaluation of it (see {@link #perResource},
 * {@link #perScenario}, {@link #perTemplate} and {@link #perTemplateScenario}).
 */
public record ResourceContext(Template template, Resource resource, Value properties, Resolver resolver,
                              Scenario scenario, Memo memo) {

    private static final Memo.Key<Value> PROPERTIES = Memo.Key.named("evaluated properties");
    private static final Memo.Key<Map<String, List<Resource>>> BY_TYPE = Memo.Key.named("resources by type");

    /** A context with a memo of its own, as tests build them: nothing is shared with other contexts. */
    public ResourceContext(Template template, Resource resource, Value properties, Resolver resolver,
                           Scenario scenario) {
        this(template, resource, properties, resolver, scenario, new Memo());
    }

    /** A context without a resolver: checks that look only at this resource's properties. */
    public ResourceContext(Template template, Resource resource, Value properties) {
        this(template, resource, properties, null, Scenario.NONE);
    }

    /**
     * A value derived from this resource as written (its text, not its evaluated properties), computed once per
     * template evaluation however many rules and scenarios ask for it.
     */
    public <T> T perResource(Memo.Key<T> key, Supplier<? extends T> compute) {
        return perResource(resource, key, compute);
    }

    /** As {@link #perResource(Memo.Key, Supplier)}, for any resource of the template. */
    public <T> T perResource(Resource of, Memo.Key<T> key, Supplier<? extends T> compute) {
        // Keyed by logical id, unique in a template: a Resource record would hash its whole tree.
        return memo.get(key, of.logicalId(), compute);
    }

    /** A value derived from this resource in this scenario (e.g. from its evaluated properties), computed once. */
    public <T> T perScenario(Memo.Key<T> key, Supplier<? extends T> compute) {
        return perScenario(resource, key, compute);
    }

    /** As {@link #perScenario(Memo.Key, Supplier)}, for any resource of the template in this context's scenario. */
    public <T> T perScenario(Resource of, Memo.Key<T> key, Supplier<? extends T> compute) {
        return memo.get(key, new ResourceInScenario(of.logicalId(), scenario), compute);
    }

    /** A value derived from the whole template as written, computed once per evaluation of the template. */
    public <T> T perTemplate(Memo.Key<T> key, Supplier<? extends T> compute) {
        return memo.get(key, TEMPLATE, compute);
    }

    /**
     * A value derived from the whole template in this scenario (e.g. which buckets other resources deliver logs
     * to), computed once and shared by every resource evaluated in an equal scenario.
     */
    public <T> T perTemplateScenario(Memo.Key<T> key, Supplier<? extends T> compute) {
        return memo.get(key, scenario, compute);
    }

    /** The template's resources of one type, in template order; the index is built once per template. */
    public List<Resource> resourcesOfType(String type) {
        Map<String, List<Resource>> index = perTemplate(BY_TYPE, () -> {
            Map<String, List<Resource>> byType = new HashMap<>();
            for (Resource r : template.resources().values()) {
                byType.computeIfAbsent(r.type(), k -> new ArrayList<>()).add(r);
            }
            return byType;
        });
        return index.getOrDefault(type, List.of());
    }

    private record ResourceInScenario(String logicalId, Scenario scenario) {
    }

    /** The qualifier of values about the whole template text. */
    private static final Object TEMPLATE = new Object();

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

    /**
     * The evaluated {@code Properties} of another resource of the template in this scenario (null when none),
     * evaluated once however many resources ask: relation checks ask this of the same few resources for each of many.
     */
    public Value propertiesOf(Resource other) {
        if (other == resource) {
            return properties;
        }
        return perScenario(other, PROPERTIES, () -> resolve(other.properties()));
    }

    /** Whether another resource exists in this scenario (its {@code Condition}, if any, does not rule it out). */
    public boolean exists(Resource other) {
        return resolver == null || resolver.exists(other, scenario);
    }
}
