package dev.portcullis.checks.relations;

import java.util.Map;
import java.util.regex.Pattern;

import dev.portcullis.catalog.RuleCheck;
import dev.portcullis.catalog.Violations;
import dev.portcullis.checks.values.Answer;
import dev.portcullis.checks.values.PartialText;
import dev.portcullis.checks.values.Sources;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.model.IntrinsicNode;
import dev.portcullis.model.Node;
import dev.portcullis.model.Resource;
import dev.portcullis.model.Span;
import dev.portcullis.resolve.Value;

/**
 * {@code relations.referenced-by}: a resource that no resource of another type attaches itself to, where the
 * attachment is a property of that other resource naming this one: a VPC without an {@code AWS::EC2::FlowLog}
 * whose {@code ResourceId} refers to it, a secret without an {@code AWS::SecretsManager::RotationSchedule} whose
 * {@code SecretId} does, a WAFv2 web ACL without an {@code AWS::WAFv2::LoggingConfiguration} whose
 * {@code ResourceArn} does. A value refers to the resource when it is its {@code Ref} or one of its attributes
 * ({@code !GetAtt}, also inside {@code Fn::Sub}), or, with {@code nameProperty}, the same name the resource is given
 * there. Attachments whose value or whose {@code Condition} the scenario leaves open make the result UNKNOWN.
 * Reports at the resource's logical id; message arguments {@code {attachment}} (the attaching type) and
 * {@code {property}} (its property).
 */
public final class ReferencedBy implements RuleCheck<ReferencedBy.Params> {

    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+");

    /**
     * @param type         the type of the resources that attach to this one, e.g. {@code AWS::EC2::FlowLog}
     * @param property     their top-level property naming the resource, e.g. {@code ResourceId} (a string or a list)
     * @param nameProperty this resource's property holding its name, when the attachment may name it by name
     */
    public record Params(String type, String property, String nameProperty) {
        public Params {
            if (type == null || !TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException("type must be a resource type such as AWS::EC2::FlowLog");
            }
            if (property == null || property.isBlank()) {
                throw new IllegalArgumentException("property must name the attaching resource's property");
            }
        }
    }

    @Override
    public Class<Params> params() {
        return Params.class;
    }

    @Override
    public void evaluate(ResourceContext context, Params params, Violations out) {
        Answer attached = Answer.NO;
        String why = null;
        for (Resource other : context.resourcesOfType(params.type())) {
            if (!context.exists(other)) {
                continue;
            }
            Answer here = refersTo(context.propertiesOf(other), params, Sources.of(context, other), context);
            if (here != Answer.NO && other.condition() != null && context.resolver() != null
                    && context.resolver().holds(other.condition(), context.scenario()) == null) {
                here = here.and(Answer.MAYBE);
            }
            if (here == Answer.MAYBE && why == null) {
                why = other.logicalId() + " may or may not be attached to it (" + params.property()
                        + " or its Condition is not determined)";
            }
            attached = attached.or(here);
            if (attached == Answer.YES) {
                return;
            }
        }
        Map<String, String> args = Map.of("attachment", params.type(), "property", params.property());
        if (attached == Answer.NO) {
            out.fail((Span) null, "", args);
        } else {
            out.unknown(null, "", why);
        }
    }

    private static Answer refersTo(Value properties, Params params, Sources sources, ResourceContext context) {
        if (!(properties instanceof Value.Struct props) || props.get(params.property()) == null) {
            return properties instanceof Value.Unknown ? Answer.MAYBE : Answer.NO;
        }
        Value value = props.get(params.property());
        if (value instanceof Value.Seq seq) {
            Answer any = Answer.NO;
            for (Value item : seq.items()) {
                any = any.or(names(item, params, sources, context));
            }
            return any;
        }
        return names(value, params, sources, context);
    }

    /** Does one value name the context's resource? */
    private static Answer names(Value value, Params params, Sources sources, ResourceContext context) {
        String id = context.resource().logicalId();
        PartialText text = PartialText.of(value, sources);
        String display = text.display();
        if (display.equals("${" + id + "}") || (display.startsWith("${" + id + ".") && display.endsWith("}")
                && display.indexOf('}') == display.length() - 1)) {
            return Answer.YES;
        }
        if (params.nameProperty() != null && context.properties() instanceof Value.Struct own
                && own.get(params.nameProperty()) != null) {
            PartialText name = PartialText.of(own.get(params.nameProperty()), Sources.of(context));
            if (name.display().equals(display)) {
                return Answer.YES;
            }
            return text.hasOpenGap() || name.hasOpenGap() ? Answer.MAYBE : Answer.NO;
        }
        // Without a name to compare, only a reference can name a resource this stack creates: a parameter or an
        // imported value cannot hold an id that exists only once the stack is deployed.
        return text.hasOpenGap() && !(value instanceof Value.Symbolic) && value instanceof Value.Unknown
                && !fromParameterOrImport(value, sources) ? Answer.MAYBE : Answer.NO;
    }

    /** A value written as {@code !Ref Parameter} or {@code !ImportValue}: never this stack's resource. */
    private static boolean fromParameterOrImport(Value value, Sources sources) {
        if (sources.referencedParameter(value.span()) != null) {
            return true;
        }
        Node node = sources.nodeAt(value.span());
        return node instanceof IntrinsicNode f && f.function().equals("Fn::ImportValue");
    }
}
