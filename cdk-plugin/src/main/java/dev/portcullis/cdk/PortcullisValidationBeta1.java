package dev.portcullis.cdk;

import java.util.List;
import java.util.Objects;

import dev.portcullis.resolve.Inputs;
import software.amazon.awscdk.IPolicyValidationContextBeta1;
import software.amazon.awscdk.IPolicyValidationPluginBeta1;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyValidationPluginReportBeta1;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolatingResourceBeta1;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.PolicyViolationBeta1;

/**
 * {@link PortcullisValidation} for apps that still register plugins with CDK's deprecated
 * {@code App.Builder.policyValidationBeta1(...)}: the same checks and the same report, copied into CDK's beta types.
 * New apps use {@code Validations.of(app).addPlugins(PortcullisValidation.builder().build())}.
 *
 * <p>CDK's beta context does not pass the stacks' region and account, so rules that depend on them report unknown.
 */
@SuppressWarnings("deprecation") // the beta interface and types are deprecated; supporting them is this class's job
public final class PortcullisValidationBeta1 implements IPolicyValidationPluginBeta1 {

    private final PortcullisValidation plugin;

    private PortcullisValidationBeta1(PortcullisValidation plugin) {
        this.plugin = Objects.requireNonNull(plugin, "plugin");
    }

    /** {@code plugin}, for {@code policyValidationBeta1}. */
    public static PortcullisValidationBeta1 of(PortcullisValidation plugin) {
        return new PortcullisValidationBeta1(plugin);
    }

    @Override
    public String getName() {
        return plugin.getName();
    }

    @Override
    public String getVersion() {
        return plugin.getVersion();
    }

    @Override
    public List<String> getRuleIds() {
        return plugin.getRuleIds();
    }

    @Override
    public PolicyValidationPluginReportBeta1 validate(IPolicyValidationContextBeta1 context) {
        return beta1(plugin.check(context.getTemplatePaths(), Inputs.NONE));
    }

    static PolicyValidationPluginReportBeta1 beta1(PolicyValidationPluginReport report) {
        return PolicyValidationPluginReportBeta1.builder()
                .success(report.getSuccess())
                .violations(report.getViolations().stream().map(PortcullisValidationBeta1::beta1).toList())
                .metadata(report.getMetadata())
                .pluginVersion(report.getPluginVersion())
                .build();
    }

    private static PolicyViolationBeta1 beta1(PolicyViolation violation) {
        return PolicyViolationBeta1.builder()
                .ruleName(violation.getRuleName())
                .description(violation.getDescription())
                .fix(violation.getFix())
                .severity(violation.getSeverity())
                .ruleMetadata(violation.getRuleMetadata())
                .violatingResources(violation.getViolatingResources().stream()
                        .map(PortcullisValidationBeta1::beta1).toList())
                .build();
    }

    /** The beta type requires a logical id and template path; {@link PolicyReport} always sets both. */
    private static PolicyViolatingResourceBeta1 beta1(PolicyViolatingResource resource) {
        return PolicyViolatingResourceBeta1.builder()
                .resourceLogicalId(resource.getResourceLogicalId())
                .templatePath(resource.getTemplatePath())
                .locations(resource.getLocations())
                .build();
    }
}
