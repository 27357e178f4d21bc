package dev.portcullis.cdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputError;
import dev.portcullis.model.Severity;
import dev.portcullis.report.RuleDescription;
import dev.portcullis.resolve.Inputs;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;

/**
 * Turns a gate result into CDK's validation report: one violation per rule, listing the resources it found and
 * the property paths within them.
 *
 * <p>CDK's own severity vocabulary is {@code fatal}, {@code error}, {@code warning}, {@code info}, and CDK decides
 * by it too: when any rule in the app is acknowledged ({@code Validations.of(scope).acknowledge}), CDK recomputes a
 * report's success as "no error or fatal violation left". So a finding at or above fail-on is an {@code error}, a
 * lower one a {@code warning} ({@code info} for info findings), and Portcullis' own severity travels in the rule
 * metadata. Inputs the gate could not read are {@code fatal}, which CDK never lets an acknowledgement hide.
 */
final class PolicyReport {

    /** The violation for a template the gate could not read or evaluate: the gate fails closed, and so does synth. */
    static final String INPUT_ERROR_RULE = "input-error";

    private final Map<String, RuleDescription> rules;
    private final Severity failOn;
    private final String version;

    PolicyReport(Map<String, RuleDescription> rules, Severity failOn, String version) {
        this.rules = rules;
        this.failOn = failOn;
        this.version = version;
    }

    /** The report on {@code result}, checked with {@code inputs} (the stacks' region and account, when known). */
    PolicyValidationPluginReport of(CheckResult result, Inputs inputs) {
        List<PolicyViolation> violations = new ArrayList<>();
        Map<ViolationKey, List<Finding>> byRule = new TreeMap<>();
        int suppressed = 0;
        for (Finding f : result.findings()) {
            if (f.suppressed()) {
                suppressed++;
            } else {
                byRule.computeIfAbsent(new ViolationKey(f.ruleId(), cdkSeverity(f.severity())),
                        k -> new ArrayList<>()).add(f);
            }
        }
        byRule.forEach((key, findings) -> violations.add(violation(key, findings)));
        for (InputError error : result.errors()) {
            violations.add(PolicyViolation.builder()
                    .ruleName(INPUT_ERROR_RULE)
                    .description((error.internal() ? "Portcullis failed on a template: " : "Template could not be "
                            + "checked: ") + error.oneLine())
                    .fix(error.internal() ? "This is a bug in Portcullis; please report it with the template."
                            : "Fix the template so Portcullis can read and evaluate it.")
                    .severity("fatal")
                    .violatingResources(List.of())
                    .build());
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("fail-on", failOn.label());
        metadata.put("templates", Integer.toString(result.summary().templates()));
        metadata.put("findings", Integer.toString(result.findings().size() - suppressed));
        metadata.put("suppressed", Integer.toString(suppressed));
        // Rules the templates do not decide (e.g. a value from a parameter without a default): never a pass.
        metadata.put("unknown", Integer.toString(result.unknown().size()));
        metadata.put("errors", Integer.toString(result.errors().size()));
        // CDK validates each environment's stacks separately; say which one rules like region checks assumed.
        if (inputs.region() != null) {
            metadata.put("region", inputs.region());
        }
        if (inputs.account() != null) {
            metadata.put("account", inputs.account());
        }
        boolean success = result.errors().isEmpty() && !result.failsAt(failOn);
        return PolicyValidationPluginReport.builder()
                .success(success)
                .violations(violations)
                .metadata(metadata)
                .pluginVersion(version)
                .build();
    }

    private String cdkSeverity(Severity severity) {
        if (severity.atLeast(failOn)) {
            return "error";
        }
        return severity == Severity.INFO ? "info" : "warning";
    }

    private PolicyViolation violation(ViolationKey key, List<Finding> findings) {
        RuleDescription rule = rules.get(key.ruleId());
        Finding first = findings.get(0);
        Severity worst = findings.stream().map(Finding::severity).min(Enum::compareTo).orElseThrow();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("portcullis-severity", worst.label());
        if (rule != null && !rule.controls().isEmpty()) {
            metadata.put("controls", String.join(", ", rule.controls()));
        }
        PolicyViolation.Builder b = PolicyViolation.builder()
                .ruleName(key.ruleId())
                // A rule the catalog does not describe (none today) still says what is wrong.
                .description(rule == null ? first.message() : rule.title())
                .severity(key.cdkSeverity())
                .ruleMetadata(metadata)
                .violatingResources(resources(findings));
        if (rule != null && !rule.remediation().isBlank()) {
            b.fix(rule.remediation().strip());
        }
        return b.build();
    }

    /** One entry per template and logical id, with the distinct property paths found there, in order. */
    private static List<PolicyViolatingResource> resources(List<Finding> findings) {
        Map<List<String>, Set<String>> locations = new LinkedHashMap<>();
        for (Finding f : findings) {
            String logicalId = f.resource() == null ? "" : f.resource();
            locations.computeIfAbsent(List.of(f.file(), logicalId), k -> new LinkedHashSet<>())
                    .add(location(f));
        }
        List<PolicyViolatingResource> out = new ArrayList<>();
        locations.forEach((fileAndId, paths) -> out.add(PolicyViolatingResource.builder()
                .templatePath(fileAndId.get(0))
                .resourceLogicalId(fileAndId.get(1))
                .locations(List.copyOf(paths))
                .build()));
        return out;
    }

    /**
     * The finding's property path inside its resource in CDK's dotted form ({@code Properties.BucketEncryption}),
     * or inside the template for a template-level finding ({@code Parameters.DbPassword}).
     */
    static String location(Finding f) {
        String path = f.path();
        String resourcePrefix = "Resources/" + f.resource() + "/";
        if (f.resource() != null && path.startsWith(resourcePrefix)) {
            path = path.substring(resourcePrefix.length());
        } else if (f.resource() != null && path.equals("Resources/" + f.resource())) {
            path = "";
        }
        return path.replace('/', '.');
    }

    /** Violations are per rule and CDK severity: the same rule can be an error in one place and a warning in another. */
    private record ViolationKey(String ruleId, String cdkSeverity) implements Comparable<ViolationKey> {
        @Override
        public int compareTo(ViolationKey o) {
            int c = ruleId.compareTo(o.ruleId);
            return c != 0 ? c : cdkSeverity.compareTo(o.cdkSeverity);
        }
    }
}
