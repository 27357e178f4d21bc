package dev.portcullis.gate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import dev.portcullis.engine.TemplateEvaluation;
import dev.portcullis.model.CdkOrigin;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputError;
import dev.portcullis.model.InputException;
import dev.portcullis.model.MappingNode;
import dev.portcullis.model.Node;
import dev.portcullis.model.Resource;
import dev.portcullis.model.Severity;
import dev.portcullis.model.Template;
import dev.portcullis.parse.TemplateParser;
import dev.portcullis.resolve.Inputs;
import dev.portcullis.resolve.Resolver;
import dev.portcullis.resolve.Scenario;
import dev.portcullis.resolve.Value;

/**
 * Checks one stack of a cloud assembly and, depth first, the nested stacks whose templates are files of the
 * assembly ({@code AWS::CloudFormation::Stack} resources with {@code aws:asset:path} metadata), each with the
 * parameter values its parent passes. Every finding gets its {@link CdkOrigin}: the stack artifact, the
 * construct path ({@code aws:cdk:path} metadata) and, where the assembly holds creation stack traces, the user
 * source line that created the construct.
 */
final class AssemblyStackCheck {

    /** Info finding for a nested stack whose template is not a file of the assembly (e.g. an S3 URL). */
    static final String NESTED_NOT_CHECKED_RULE = "nested-stack-not-checked";

    private static final String STACK_TYPE = "AWS::CloudFormation::Stack";
    private static final String PATH_METADATA = "aws:cdk:path";
    private static final String ASSET_PATH_METADATA = "aws:asset:path";

    /** Parses, expands and evaluates one template; throws {@link InputException} when it cannot. */
    @FunctionalInterface
    interface TemplateCheck {
        CheckedTemplate check(Path file, String displayName, Inputs inputs);
    }

    /** The evaluations of the stack's template and its nested stacks' templates, and what could not be checked. */
    record Outcome(List<TemplateEvaluation> evaluations, List<InputError> errors) {
    }

    private final AssemblyStack stack;
    private final TemplateCheck check;
    private final List<TemplateEvaluation> evaluations = new ArrayList<>();
    private final List<InputError> errors = new ArrayList<>();

    private AssemblyStackCheck(AssemblyStack stack, TemplateCheck check) {
        this.stack = stack;
        this.check = check;
    }

    /**
     * @param inputs the user's inputs: their parameter values win over those the manifest records, and apply to
     *               the stack's own template only (a nested stack gets what its parent passes)
     */
    static Outcome run(AssemblyStack stack, Inputs inputs, TemplateCheck check) {
        Map<String, String> parameters = new LinkedHashMap<>(stack.parameters());
        parameters.putAll(inputs.parameters());
        AssemblyStackCheck run = new AssemblyStackCheck(stack, check);
        run.visit(stack.template(), stack.display(stack.templateFile()),
                new Inputs(parameters, inputs.region(), inputs.account(), inputs.undetermined()), true, Set.of());
        return new Outcome(List.copyOf(run.evaluations), List.copyOf(run.errors));
    }

    private void visit(Path file, String display, Inputs inputs, boolean topLevel, Set<Path> chain) {
        CheckedTemplate checked;
        try {
            checked = check.check(file, display, inputs);
        } catch (InputException e) {
            errors.add(e.toError());
            return;
        }
        errors.addAll(checked.errors());
        Template template = checked.template();
        UnaryOperator<Finding> withOrigin = f -> f.withOrigin(origin(f, template, topLevel));
        List<Finding> findings = new ArrayList<>(checked.evaluation().findings().stream().map(withOrigin).toList());
        List<Finding> unknown = checked.evaluation().unknown().stream().map(withOrigin).toList();

        Set<Path> below = new HashSet<>(chain);
        below.add(file);
        List<Runnable> nested = new ArrayList<>();
        for (Resource resource : template.resources().values()) {
            if (resource.type().equals(STACK_TYPE)) {
                nestedStack(resource, template, inputs, display, below, findings, nested);
            }
        }
        evaluations.add(new TemplateEvaluation(findings, unknown, checked.evaluation().resources()));
        nested.forEach(Runnable::run);
    }

    /** Queues the check of a nested stack's template, or says why it cannot be checked. */
    private void nestedStack(Resource resource, Template parent, Inputs parentInputs, String parentDisplay,
                             Set<Path> chain, List<Finding> findings, List<Runnable> nested) {
        MappingNode metadata = resource.node().mapping("Metadata");
        String assetPath = metadata == null ? null : metadata.string(ASSET_PATH_METADATA);
        if (assetPath == null) {
            Finding note = Finding.at(NESTED_NOT_CHECKED_RULE, Severity.INFO, resource.keySpan(),
                    resource.logicalId(), resource.type(), "Resources/" + resource.logicalId() + "/Properties/TemplateURL",
                    "Nested stack " + resource.logicalId() + " has no template in the cloud assembly (no "
                            + ASSET_PATH_METADATA + " metadata); its resources were not checked");
            findings.add(note.withOrigin(origin(note, parent, false)));
            return;
        }
        Path file = stack.directory().resolve(assetPath).normalize();
        String display = stack.display(assetPath);
        String which = "nested stack " + resource.logicalId() + " of " + parentDisplay + " (artifact "
                + stack.artifact() + ")";
        if (!stack.contains(file)) {
            errors.add(new InputError(parentDisplay, resource.keySpan().line(),
                    which + ": its template '" + assetPath + "' is outside the cloud assembly"));
            return;
        }
        if (!Files.isRegularFile(file)) {
            errors.add(new InputError(display, null, "the template of " + which + " is missing"));
            return;
        }
        if (chain.contains(file)) {
            errors.add(new InputError(parentDisplay, resource.keySpan().line(),
                    which + " is its own ancestor (" + assetPath + ")"));
            return;
        }
        Inputs inputs;
        try {
            inputs = passedParameters(resource, parent, parentInputs, file, display);
        } catch (InputException e) {
            errors.add(e.toError());
            return;
        }
        nested.add(() -> visit(file, display, inputs, false, chain));
    }

    /**
     * The values the parent passes in the nested stack's {@code Parameters}, resolved in the parent with its own
     * inputs. A literal is passed on; a resource attribute or anything else the template does not determine makes
     * that parameter unknown in the nested stack (its {@code Default} does not apply, as in CloudFormation).
     */
    private static Inputs passedParameters(Resource resource, Template parent, Inputs parentInputs, Path file,
                                           String display) {
        Map<String, String> known = new LinkedHashMap<>();
        Map<String, String> undetermined = new LinkedHashMap<>();
        Node properties = resource.properties();
        Node parametersNode = properties instanceof MappingNode m ? m.get("Parameters") : null;
        String from = "passed by its parent stack";
        if (parametersNode != null) {
            Value value = new Resolver(parent, parentInputs).resolve(parametersNode, Scenario.NONE);
            if (value instanceof Value.Struct struct) {
                for (Value.Field field : struct.fields()) {
                    String text = literal(field.value());
                    if (text != null) {
                        known.put(field.name(), text);
                    } else {
                        undetermined.put(field.name(), from + " as " + describe(field.value()));
                    }
                }
            } else if (value != null) {
                // Which parameters are passed is itself unknown: none of the nested stack's defaults can be trusted.
                Template nested = new TemplateParser().parse(file, display);
                for (String name : nested.parameters().keySet()) {
                    undetermined.put(name, from + " as " + describe(value));
                }
            }
        }
        return new Inputs(known, parentInputs.region(), parentInputs.account(), undetermined);
    }

    /** The value as CloudFormation passes it to a string parameter, or null when it is not a literal. */
    private static String literal(Value value) {
        if (value instanceof Value.Scalar s) {
            return s.text();
        }
        if (value instanceof Value.Seq seq && seq.items().stream().allMatch(i -> i instanceof Value.Scalar)) {
            return String.join(",", seq.items().stream().map(i -> ((Value.Scalar) i).text()).toList());
        }
        return null;
    }

    private static String describe(Value value) {
        if (value instanceof Value.Symbolic s) {
            return s.text();
        }
        if (value instanceof Value.Unknown u) {
            return "a value the template does not determine (" + u.reason() + ")";
        }
        return "a value that is not text";
    }

    /** The finding's place in the CDK app; template-level findings get the artifact only. */
    private CdkOrigin origin(Finding finding, Template template, boolean topLevel) {
        String constructPath = null;
        if (finding.resource() != null) {
            Resource resource = template.resources().get(finding.resource());
            MappingNode metadata = resource == null ? null : resource.node().mapping("Metadata");
            constructPath = metadata == null ? null : metadata.string(PATH_METADATA);
            if (constructPath == null && topLevel) {
                constructPath = stack.sources().pathOf(finding.resource());
            }
        }
        SourceFrame source = stack.sources().source(constructPath);
        return new CdkOrigin(stack.artifact(), constructPath, source == null ? null : source.file(),
                source == null ? null : source.line());
    }
}
