package dev.portcullis.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.portcullis.catalog.Rule;
import dev.portcullis.gate.CheckRequest;
import dev.portcullis.gate.Gate;
import dev.portcullis.gate.PortcullisVersion;
import dev.portcullis.gate.Progress;
import dev.portcullis.gate.RuleChoiceException;
import dev.portcullis.gate.RuleListing;
import dev.portcullis.gate.RuleOptions;
import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Severity;
import dev.portcullis.report.RuleDescription;
import dev.portcullis.resolve.Inputs;
import software.amazon.awscdk.IPolicyValidationContext;
import software.amazon.awscdk.IPolicyValidationPlugin;
import software.amazon.awscdk.PolicyValidationPluginReport;

/**
 * Portcullis as an aws-cdk-lib policy validation plugin: registered on a CDK app
 * ({@code Validations.of(app).addPlugins(PortcullisValidation.builder().build())}), it checks every synthesized
 * stack template with the gate and fails {@code synth} when a finding is at or above {@link Builder#failOn}, or when
 * a template could not be checked at all. Apps still on CDK's deprecated {@code policyValidationBeta1} register
 * {@link PortcullisValidationBeta1#of} instead.
 *
 * <p>The rule choices (pack, enabled and disabled rules, users' rule directories) are checked when the plugin is
 * built, so a misspelt rule id fails the app at start-up rather than silently checking less.
 */
public final class PortcullisValidation implements IPolicyValidationPlugin {

    /** The plugin's name in CDK's validation report; CDK acknowledgements name rules as {@code portcullis::RULE}. */
    public static final String NAME = "portcullis";

    private final Gate gate;
    private final RuleOptions rules;
    private final Severity failOn;
    private final List<String> ruleIds;
    private final Map<String, RuleDescription> descriptions;

    private PortcullisValidation(Gate gate, RuleOptions rules, Severity failOn) {
        this.gate = gate;
        this.rules = rules;
        this.failOn = failOn;
        RuleListing listing;
        try {
            listing = gate.rules(rules);
        } catch (RuleChoiceException e) {
            throw new IllegalArgumentException("Portcullis validation: " + e.getMessage(), e);
        }
        if (!listing.errors().isEmpty()) {
            // A broken rule file would otherwise only show up as a validation failure at the end of synth.
            throw new IllegalArgumentException("Portcullis validation: cannot load rules: "
                    + listing.errors().get(0).oneLine());
        }
        this.ruleIds = listing.rules().stream().map(Rule::id).toList();
        List<RuleDescription> all = new ArrayList<>(RuleDescription.builtIn());
        listing.rules().forEach(r -> all.add(RuleDescription.of(r)));
        this.descriptions = all.stream().collect(Collectors.toUnmodifiableMap(RuleDescription::id,
                Function.identity(), (builtIn, rule) -> rule));
    }

    /** The plugin with the default pack and {@code --fail-on medium}, as {@code portcullis check} runs. */
    public static PortcullisValidation create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getVersion() {
        return PortcullisVersion.current();
    }

    /** The ids of the rules this plugin runs (the pack's selection plus users' rules). */
    @Override
    public List<String> getRuleIds() {
        return ruleIds;
    }

    /** The severity at and above which a finding fails synth. */
    public Severity failOn() {
        return failOn;
    }

    /**
     * Checks the context's templates. CDK calls this once per environment, with the stacks' region and account when
     * they are known ({@code env} set on the stack); otherwise rules that depend on them report unknown, never pass.
     */
    @Override
    public PolicyValidationPluginReport validate(IPolicyValidationContext context) {
        return check(context.getTemplatePaths(), new Inputs(Map.of(), context.getRegion(), context.getAccountId()));
    }

    /** The gate's verdict on these templates, as CDK's report; shared with {@link PortcullisValidationBeta1}. */
    PolicyValidationPluginReport check(List<String> templatePaths, Inputs inputs) {
        CheckResult result = gate.check(new CheckRequest(List.copyOf(templatePaths), inputs, rules), Progress.NONE);
        return new PolicyReport(descriptions, failOn, getVersion()).of(result, inputs);
    }

    /** The plugin's options, named like {@code portcullis check}'s. */
    public static final class Builder {
        private Severity failOn = Severity.MEDIUM;
        private String pack;
        private final List<String> enable = new ArrayList<>();
        private final List<String> disable = new ArrayList<>();
        private final List<String> rulesDirs = new ArrayList<>();

        private Builder() {
        }

        /** Fail synth on findings at or above this severity (default medium), like {@code --fail-on}. */
        public Builder failOn(Severity severity) {
            this.failOn = Objects.requireNonNull(severity, "failOn");
            return this;
        }

        /** The rule pack: default, fsbp, cis-aws, or a pack from a {@link #rulesDir}, like {@code --pack}. */
        public Builder pack(String name) {
            this.pack = Objects.requireNonNull(name, "pack");
            return this;
        }

        /** Also run these rules though the pack leaves them out, like {@code --enable}. */
        public Builder enable(String... ruleIds) {
            enable.addAll(List.of(ruleIds));
            return this;
        }

        /** Do not run these rules, like {@code --disable}. */
        public Builder disable(String... ruleIds) {
            disable.addAll(List.of(ruleIds));
            return this;
        }

        /** Also run users' own rules from this directory, like {@code --rules}; repeatable. */
        public Builder rulesDir(String directory) {
            rulesDirs.add(Objects.requireNonNull(directory, "rulesDir"));
            return this;
        }

        /**
         * @throws IllegalArgumentException when the pack or a rule id does not exist, or a rules directory holds
         *                                  a rule file that does not load
         */
        public PortcullisValidation build() {
            return new PortcullisValidation(new Gate(), new RuleOptions(rulesDirs, pack, enable, disable), failOn);
        }
    }
}
