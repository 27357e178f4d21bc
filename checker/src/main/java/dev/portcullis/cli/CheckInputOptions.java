package dev.portcullis.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.portcullis.gate.ParameterValues;
import dev.portcullis.gate.RuleOptions;
import dev.portcullis.model.InputException;
import dev.portcullis.resolve.Inputs;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that decide what a check finds (deployment inputs and rule choice), for commands that run a check
 * to record its findings ({@code baseline create}). They mean exactly what they mean for {@code check}.
 */
final class CheckInputOptions {

    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-\\d+");

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
            description = "Also run your own rules from DIR; repeatable.")
    List<String> rulesDirs = new ArrayList<>();

    @Option(names = "--pack", paramLabel = "PACK", defaultValue = "default",
            description = "Rule pack to run (default: ${DEFAULT-VALUE}).")
    String pack;

    @Option(names = "--enable", paramLabel = "RULE", split = ",",
            description = "Also run this rule, though the pack leaves it out; repeatable or comma-separated.")
    List<String> enable = new ArrayList<>();

    @Option(names = "--disable", paramLabel = "RULE", split = ",",
            description = "Do not run this rule; repeatable or comma-separated.")
    List<String> disable = new ArrayList<>();

    RuleOptions rules() {
        return new RuleOptions(rulesDirs, pack, enable, disable);
    }

    /**
     * The deployment inputs: the parameter file's values, then {@code --parameter} values over them.
     *
     * @throws ParameterException for a malformed option (a usage error)
     * @throws InputException     when the parameter file cannot be read
     */
    Inputs inputs(CommandSpec spec) {
        Map<String, String> commandLine = parameterOptions(spec);
        validatePseudoParameters(spec);
        Map<String, String> values = new LinkedHashMap<>();
        if (parametersFile != null) {
            try {
                values.putAll(ParameterValues.read(Path.of(parametersFile), parametersFile));
            } catch (InvalidPathException e) {
                throw new InputException(parametersFile, null, "not a valid path", e);
            }
        }
        values.putAll(commandLine);
        return new Inputs(values, region, account);
    }

    private Map<String, String> parameterOptions(CommandSpec spec) {
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

    private void validatePseudoParameters(CommandSpec spec) {
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
}
