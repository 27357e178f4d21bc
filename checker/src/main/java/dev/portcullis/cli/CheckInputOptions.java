package dev.portcullis.cli;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.portcullis.gate.ConfigException;
import dev.portcullis.gate.ConfigReader;
import dev.portcullis.gate.ParameterValues;
import dev.portcullis.gate.ProjectConfig;
import dev.portcullis.gate.RuleOptions;
import dev.portcullis.model.InputError;
import dev.portcullis.model.InputException;
import dev.portcullis.model.Severity;
import dev.portcullis.resolve.Inputs;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that decide what a check finds: deployment inputs, rule choice and the project configuration
 * ({@code .portcullis.yaml} with its waivers and inline-suppression policy). Shared by {@code check} and
 * {@code baseline create}, so both find the same findings for the same command line in the same repository.
 */
final class CheckInputOptions {

    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-\\d+");

    /** The command these options belong to: its parse result says which options were given. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--parameters", paramLabel = "FILE",
            description = "Parameter values in the CloudFormation CLI form "
                    + "[{\"ParameterKey\": \"K\", \"ParameterValue\": \"V\"}] or as {\"Parameters\": {\"K\": \"V\"}}.")
    String parametersFile;

    @Option(names = {"-p", "--parameter"}, paramLabel = "KEY=VALUE",
            description = "A parameter value; repeatable; wins over --parameters.")
    List<String> parameters = new ArrayList<>();

    @Option(names = "--region", paramLabel = "REGION", description = "Value of AWS::Region, e.g. eu-west-1.")
    String region;

    @Option(names = "--account", paramLabel = "ID", description = "Value of AWS::AccountId (12 digits).")
    String account;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Also run your own rules from DIR, laid out like the bundled catalog "
                    + "(<service>/<id>.rule.yaml); repeatable. They run in addition to the pack.")
    List<String> rulesDirs = new ArrayList<>();

    @Option(names = "--pack", paramLabel = "PACK", defaultValue = "default",
            description = "Rule pack to run: default, fsbp, cis-aws, or a pack from a --rules DIR "
                    + "(default: ${DEFAULT-VALUE}). 'portcullis rules list --pack PACK' shows its rules.")
    String pack;

    @Option(names = "--enable", paramLabel = "RULE", split = ",",
            description = "Also run this rule, though the pack leaves it out; repeatable or comma-separated.")
    List<String> enable = new ArrayList<>();

    @Option(names = "--disable", paramLabel = "RULE", split = ",",
            description = "Do not run this rule; repeatable or comma-separated.")
    List<String> disable = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "Use FILE as the project configuration. Without it, the file named .portcullis.yaml "
                    + "nearest above the working directory (up to the repository root) is used. Command-line "
                    + "options win over it; see docs/config.md.")
    String configFile;

    @Option(names = "--no-config", description = "Use no project configuration and no waiver file.")
    boolean noConfig;

    /** Severity overrides from the project configuration (there is no command-line option for them). */
    private Map<String, Severity> severities = Map.of();

    /**
     * {@code --config FILE}, else the configuration found from the working directory; null for none. Its rule
     * settings become defaults for the options the command line did not give ({@link #rules()}).
     *
     * @throws ParameterException for {@code --config} with {@code --no-config} (a usage error)
     * @throws ConfigException    when the configuration or its waiver file cannot be used
     */
    ProjectConfig project(Environment environment, PrintStream err) {
        if (configFile != null && noConfig) {
            throw new ParameterException(spec.commandLine(), "--config and --no-config cannot be used together");
        }
        if (environment.today() != null) {
            // A changed date changes which waivers hold: never without saying so.
            err.println("portcullis: waivers are judged as of " + environment.today() + " (" + Environment.TODAY
                    + " is set)");
        }
        ProjectConfig project = find(environment);
        if (project != null) {
            applyRuleDefaults(project);
        }
        return project;
    }

    private ProjectConfig find(Environment environment) {
        if (noConfig) {
            return null;
        }
        if (configFile != null) {
            try {
                return ConfigReader.read(environment.workingDirectory().resolve(configFile), configFile);
            } catch (InvalidPathException e) {
                throw new ConfigException(List.of(new InputError(configFile, null, "not a valid path")));
            }
        }
        return ConfigReader.discover(environment.workingDirectory()).orElse(null);
    }

    /**
     * Takes the configuration's pack for a command line without {@code --pack}. Rule lists combine: the
     * configuration's rule directories and the command line's both count, and a rule the command line enables
     * (disables) is no longer disabled (enabled) by the configuration.
     */
    private void applyRuleDefaults(ProjectConfig project) {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        if (project.pack() != null && !given.hasMatchedOption("--pack")) {
            pack = project.pack();
        }
        List<String> dirs = new ArrayList<>(project.rulesDirs());
        dirs.addAll(rulesDirs);
        rulesDirs = dirs;
        List<String> enabled = new ArrayList<>(project.enable());
        enabled.removeAll(disable);
        enabled.addAll(enable);
        List<String> disabled = new ArrayList<>(project.disable());
        disabled.removeAll(enable);
        disabled.addAll(disable);
        enable = enabled;
        disable = disabled;
        severities = project.severities();
    }

    RuleOptions rules() {
        return new RuleOptions(rulesDirs, pack, enable, disable, severities);
    }

    /**
     * Rejects malformed {@code --parameter}, {@code --region} and {@code --account} values, before any work.
     *
     * @throws ParameterException for a malformed option (a usage error)
     */
    void validate() {
        parameterOptions();
        if (account != null && !ACCOUNT.matcher(account).matches()) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--account': expected 12 digits but was '" + account + "'");
        }
        if (region != null && !REGION.matcher(region).matches()) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--region': expected a region name like eu-west-1 but was '"
                            + region + "'");
        }
    }

    /**
     * The deployment inputs: the parameter file's values, then {@code --parameter} values over them.
     *
     * @throws ParameterException for a malformed option (a usage error; {@link #validate()} finds these first)
     * @throws InputException     when the parameter file cannot be read
     */
    Inputs inputs() {
        validate();
        Map<String, String> values = new LinkedHashMap<>();
        if (parametersFile != null) {
            try {
                values.putAll(ParameterValues.read(Path.of(parametersFile), parametersFile));
            } catch (InvalidPathException e) {
                throw new InputException(parametersFile, null, "not a valid path", e);
            }
        }
        values.putAll(parameterOptions());
        return new Inputs(values, region, account);
    }

    /** {@code --parameter} values in order, later ones winning. */
    private Map<String, String> parameterOptions() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String option : parameters) {
            int eq = option.indexOf('=');
            String key = eq < 0 ? "" : option.substring(0, eq);
            if (!PARAMETER_NAME.matcher(key).matches()) {
                throw new ParameterException(spec.commandLine(),
                        "Invalid value for option '--parameter': expected KEY=VALUE with an alphanumeric KEY but was '"
                                + option + "'");
            }
            values.put(key, option.substring(eq + 1));
        }
        return values;
    }
}
