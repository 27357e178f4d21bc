package dev.portcullis.report;

import java.util.List;

import dev.portcullis.catalog.Rule;
import dev.portcullis.model.Severity;

/**
 * What a report says about a rule apart from its findings: the catalog's metadata, or the built-in descriptions
 * of the findings the gate makes without a rule file (property validation and notes about what it could not
 * check). {@code docPath} is the rule's page under the project's {@code docs/rules}, or null when it has none.
 */
public record RuleDescription(String id, String title, Severity severity, String rationale, String remediation,
                              List<String> controls, String docPath) {

    public RuleDescription {
        controls = List.copyOf(controls);
        title = title == null ? id : title;
        rationale = rationale == null ? "" : rationale;
        remediation = remediation == null ? "" : remediation;
    }

    /** A catalog rule; only bundled rules have a generated doc page. */
    public static RuleDescription of(Rule rule) {
        return new RuleDescription(rule.id(), rule.title(), rule.severity(), rule.rationale(), rule.remediation(),
                rule.controls(), rule.source().bundled() ? rule.service() + "/" + rule.id() + ".md" : null);
    }

    /**
     * The findings the gate reports without a rule file. Their ids are part of the gate's contract (users filter
     * and waive by them), so they are written out here for reports rather than discovered.
     */
    public static List<RuleDescription> builtIn() {
        String schemaWhy = "CloudFormation validates some properties only at deployment and silently ignores "
                + "others, so a misspelt or mistyped property can leave a security setting unapplied.";
        String schemaFix = "Correct the property so it matches the resource type's CloudFormation schema.";
        String noteWhy = "Part of the template could not be checked, so findings there would be missed.";
        return List.of(
                builtIn("schema-unknown-property", "Property not defined by the resource type (typo, or read-only "
                        + "and ignored)", Severity.HIGH, schemaWhy,
                        "Fix the property name, or remove a read-only property CloudFormation ignores."),
                builtIn("schema-wrong-type", "Property value has the wrong type", Severity.MEDIUM, schemaWhy,
                        schemaFix),
                builtIn("schema-missing-required", "Required property is missing", Severity.MEDIUM, schemaWhy,
                        "Add the required property."),
                builtIn("schema-invalid-enum", "Property value is not one of the allowed values", Severity.MEDIUM,
                        schemaWhy, "Use one of the values the resource type allows."),
                builtIn("schema-unknown-resource-type", "Resource type does not exist", Severity.HIGH,
                        "A resource of a type that does not exist fails the deployment or, for a misspelt "
                                + "custom type, is never what was meant.",
                        "Correct the resource type name."),
                builtIn("macro-not-expanded", "Template uses a macro or transform the gate does not expand",
                        Severity.INFO, noteWhy + " A macro can add or change resources after the check.",
                        "Check the processed template (e.g. from 'aws cloudformation get-template "
                                + "--template-stage Processed' or 'sam build'), or a synthesized cdk.out."),
                builtIn("foreach-not-expanded", "Fn::ForEach loop could not be expanded", Severity.INFO,
                        noteWhy + " The resources the loop would create were not checked.",
                        "Give the loop's collection a known value (e.g. a parameter value), or check the "
                                + "processed template."),
                builtIn("nested-stack-not-checked", "Nested stack whose template is not in the cloud assembly",
                        Severity.INFO, noteWhy + " The nested stack's template is not a file of the assembly "
                                + "(e.g. an S3 URL), so its resources were not seen.",
                        "Check the nested stack's template on its own, or define it in the CDK app "
                                + "(NestedStack) so its template is synthesized into cdk.out."),
                builtIn("conditions-over-budget", "Too many condition combinations to check each one",
                        Severity.INFO, noteWhy + " The resource's conditions allow more scenarios than the gate "
                                + "evaluates one by one.",
                        "Pass parameter values that fix some conditions, or simplify the conditions."),
                builtIn("waiver-unused", "Waiver that matched no finding", Severity.INFO,
                        "A waiver left behind after its finding was fixed, or one whose rule, path or resource is "
                                + "misspelt, waives nothing today but would silently hide a new finding that "
                                + "happens to match it later; and a waiver file full of such entries stops being "
                                + "read.",
                        "Remove the waiver, or correct its rule, path or resource so it names the finding it was "
                                + "written for."));
    }

    private static RuleDescription builtIn(String id, String title, Severity severity, String rationale,
                                           String remediation) {
        return new RuleDescription(id, title, severity, rationale, remediation, List.of(), null);
    }
}
