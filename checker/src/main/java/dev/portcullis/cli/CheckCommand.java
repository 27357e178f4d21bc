package dev.portcullis.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.portcullis.gate.CheckRequest;
import dev.portcullis.gate.ConfigException;
import dev.portcullis.gate.ProjectConfig;
import dev.portcullis.gate.Progress;
import dev.portcullis.gate.RuleChoiceException;
import dev.portcullis.gate.TemplateFiles;
import dev.portcullis.model.CheckResult;
import dev.portcullis.model.InputError;
import dev.portcullis.model.InputException;
import dev.portcullis.model.Severity;
import dev.portcullis.model.Summary;
import dev.portcullis.report.GithubReporter;
import dev.portcullis.report.JsonReporter;
import dev.portcullis.report.JunitReporter;
import dev.portcullis.report.ReportFormat;
import dev.portcullis.report.Reporter;
import dev.portcullis.report.RuleDescription;
import dev.portcullis.report.SarifReporter;
import dev.portcullis.report.Style;
import dev.portcullis.report.TextReporter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code portcullis check PATH...}: turns the options into a {@link CheckRequest}, runs the gate, writes the
 * report and maps the result to an exit code. Everything else lives behind the gate.
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Check CloudFormation templates (JSON or YAML) for security problems before they are deployed.",
            "Directories are searched recursively for templates. Several paths give one report."},
        exitCodeListHeading = "%nExit codes (when several apply, the highest wins):%n",
        exitCodeList = {
            "0:no finding at or above --fail-on",
            "1:findings at or above --fail-on",
            "2:usage error (unknown option, bad value, no PATH)",
            "3:an input could not be read or evaluated (never a pass)",
            "4:internal error in portcullis"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  portcullis check template.yaml",
            "  portcullis check infra/ cdk.out/ --fail-on high",
            "  portcullis check stack.json --parameters params.json --parameter Env=prod",
            "  portcullis check templates/ --format json --output report.json",
            "  portcullis check infra/ --output sarif=results.sarif --output text=-",
            "  portcullis check infra/ --format github",
            "  portcullis check app.yaml --region eu-west-1 --account 123456789012",
            "  portcullis check infra/ --pack fsbp --show-unknown",
            "  portcullis check infra/ --rules my-rules/",
            "  portcullis check infra/ --baseline .portcullis-baseline.json",
            "  portcullis check infra/ --config ci/portcullis.yaml --show-suppressed"})
final class CheckCommand implements Callable<Integer> {

    /** {@code FORMAT=FILE} in {@code --output}; anything else is a file for {@code --format}. */
    private static final Pattern FORMAT_TARGET = Pattern.compile(
            "(?i)(" + ReportFormat.labels().replace(", ", "|") + ")=(.+)");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "Template files or directories to check.")
    List<String> paths = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            converter = FormatConverter.class,
            description = "Report format: text, json, sarif (SARIF 2.1.0 for code scanning), junit (JUnit XML) or "
                    + "github (GitHub Actions annotations) (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "[FORMAT=]FILE",
            description = "Write the report to FILE instead of standard output ('-' is standard output). "
                    + "FORMAT=FILE writes that format there; repeatable for several reports from one run, "
                    + "e.g. --output sarif=results.sarif --output text=-.")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "medium",
            converter = SeverityConverter.class,
            description = "Exit with 1 on findings at or above SEVERITY (default: ${DEFAULT-VALUE}); "
                    + "one of critical, high, medium, low, info.")
    Severity failOn;

    @Mixin
    CheckInputOptions inputs;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Fail only on findings that are not in this baseline file (made by 'portcullis baseline "
                    + "create'); those in it are reported as suppressed. Default: the project configuration's "
                    + "'baseline:'.")
    String baseline;

    @Option(names = "--show-unknown",
            description = "List the rules the templates do not decide (e.g. a property set from a parameter "
                    + "without a default). They are never counted as passes or findings; the summary counts them "
                    + "and JSON always lists them under 'unknown'.")
    boolean showUnknown;

    @Option(names = "--show-suppressed",
            description = "List the suppressed findings (inline suppressions, waivers) and what suppressed them. "
                    + "They never count against --fail-on; the summary counts them and JSON and SARIF always "
                    + "include them.")
    boolean showSuppressed;

    @Option(names = "--skip-non-templates",
            description = "Quietly skip named files that are not CloudFormation templates (no top-level Resources "
                    + "or AWSTemplateFormatVersion key), as a directory scan does; for hooks that pass every "
                    + "changed .json/.yaml file. Without it a named file must be a template.")
    boolean skipNonTemplates;

    @Option(names = "--no-color", description = "Never colour the output (also: the NO_COLOR environment variable).")
    boolean noColor;

    @Option(names = "--stacktrace", description = "Print the stack trace of an internal error.")
    boolean stacktrace;

    private final Checker checker;
    private final Environment environment;
    private final PrintStream out;
    private final PrintStream err;

    CheckCommand(Checker checker, Environment environment, PrintStream out, PrintStream err) {
        this.checker = checker;
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        ProjectConfig project = null;
        List<InputError> configErrors = List.of();
        try {
            project = inputs.project(environment, err);
            if (project != null) {
                applyDefaults(project);
            }
        } catch (ConfigException e) {
            configErrors = e.errors();
        }
        List<ReportTarget> targets = reportTargets();
        inputs.validate();

        CheckResult result;
        List<Throwable> traces = new ArrayList<>();
        try {
            if (configErrors.isEmpty()) {
                List<String> checked = skipNonTemplates ? TemplateFiles.withoutNonTemplates(paths) : paths;
                result = runGate(new CheckRequest(checked, inputs.inputs(), inputs.rules(), project, baseline),
                        traces);
            } else {
                // A check under settings we could not read would not be the check the repository asked for.
                result = errorsOnly(configErrors);
            }
        } catch (RuleChoiceException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (InputException e) {
            // Checking with parameter values we could not read would report on a deployment nobody asked about.
            result = errorsOnly(e.toError());
            traces.add(e);
        } catch (RuntimeException | Error e) {
            result = errorsOnly(new InputError("portcullis", null, "internal error: " + describe(e), true));
            traces.add(e);
        }

        for (InputError e : result.errors()) {
            err.println(TextReporter.errorLine(e));
        }
        if (stacktrace) {
            synchronized (traces) {
                traces.forEach(t -> t.printStackTrace(err));
            }
        }
        ExitCode exit = ExitCode.of(result, failOn);
        List<RuleDescription> rules = needsRules(targets) ? ruleDescriptions() : List.of();
        for (ReportTarget target : targets) {
            exit = exit.worst(writeReport(result, target, rules));
        }
        return exit.code;
    }

    /** Where each report goes: {@code --format} to standard output, unless {@code --output} says otherwise. */
    private List<ReportTarget> reportTargets() {
        if (outputs.isEmpty()) {
            return List.of(new ReportTarget(format, "-"));
        }
        List<ReportTarget> targets = new ArrayList<>();
        for (String option : outputs) {
            Matcher m = FORMAT_TARGET.matcher(option);
            ReportTarget target = m.matches() ? new ReportTarget(ReportFormat.parse(m.group(1)), m.group(2))
                    : new ReportTarget(format, option);
            for (ReportTarget earlier : targets) {
                if (earlier.file().equals(target.file())) {
                    throw new ParameterException(spec.commandLine(), "Invalid value for option '--output': "
                            + (target.toStdout() ? "standard output" : "'" + target.file() + "'")
                            + " is given more than once");
                }
            }
            targets.add(target);
        }
        return targets;
    }

    private static boolean needsRules(List<ReportTarget> targets) {
        return targets.stream().anyMatch(t -> t.format() == ReportFormat.SARIF);
    }

    /** The rules the check ran; without them (they failed to load) SARIF describes rules from their findings. */
    private List<RuleDescription> ruleDescriptions() {
        try {
            return checker.rules(inputs.rules()).stream()
                    .map(RuleDescription::of).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** One report: its format and its file, {@code -} for standard output. */
    record ReportTarget(ReportFormat format, String file) {
        boolean toStdout() {
            return file.equals("-");
        }
    }

    private CheckResult runGate(CheckRequest request, List<Throwable> traces) {
        Consumer<Throwable> internalErrors = t -> {
            synchronized (traces) {
                traces.add(t);
            }
        };
        if (!environment.terminal()) {
            return checker.check(request, Progress.NONE, internalErrors);
        }
        TerminalProgress progress = new TerminalProgress(err);
        try {
            return checker.check(request, progress, internalErrors);
        } finally {
            progress.finish();
        }
    }

    private ExitCode writeReport(CheckResult result, ReportTarget target, List<RuleDescription> rules) {
        boolean toStdout = target.toStdout();
        String output = target.file();
        Path workingDirectory = Path.of("").toAbsolutePath();
        Reporter reporter = switch (target.format()) {
            case TEXT -> new TextReporter(
                    toStdout && environment.terminal() && !noColor && !environment.noColor()
                            ? Style.COLOR : Style.PLAIN,
                    !toStdout, showUnknown, showSuppressed);
            case JSON -> new JsonReporter();
            case SARIF -> new SarifReporter(rules, VersionProvider.version(), workingDirectory, baseline != null);
            case JUNIT -> new JunitReporter();
            case GITHUB -> new GithubReporter(workingDirectory);
        };
        if (toStdout) {
            try {
                reporter.write(result, new OutputStreamWriter(out, StandardCharsets.UTF_8));
                return ExitCode.OK;
            } catch (IOException e) {
                err.println("cannot write the report: " + e.getMessage());
                return ExitCode.INTERNAL;
            }
        }
        try (Writer file = Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8)) {
            reporter.write(result, file);
            return ExitCode.OK;
        } catch (IOException | InvalidPathException e) {
            err.println(output + ": cannot write the report: " + describe(e));
            return ExitCode.USAGE;
        }
    }

    private static CheckResult errorsOnly(InputError error) {
        return errorsOnly(List.of(error));
    }

    private static CheckResult errorsOnly(List<InputError> errors) {
        return new CheckResult(List.of(), errors, Summary.of(0, 0, 0, List.of(), errors.size()));
    }

    /**
     * Takes the configuration's value for every report option the command line did not give (the rule options
     * take theirs in {@link CheckInputOptions}).
     */
    private void applyDefaults(ProjectConfig project) {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        if (project.format() != null && !given.hasMatchedOption("--format")) {
            format = ReportFormat.parse(project.format());
        }
        if (!project.outputs().isEmpty() && !given.hasMatchedOption("--output")) {
            outputs = new ArrayList<>(project.outputs());
        }
        if (project.failOn() != null && !given.hasMatchedOption("--fail-on")) {
            failOn = project.failOn();
        }
        if (project.baseline() != null && baseline == null) {
            baseline = project.baseline();
        }
    }

    static String describe(Throwable e) {
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + ": " + e.getMessage();
    }

    /** Accepts severities in any case, with the model's own message for a bad one. */
    static final class SeverityConverter implements ITypeConverter<Severity> {
        @Override
        public Severity convert(String value) {
            try {
                return Severity.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Accepts format names in any case. */
    static final class FormatConverter implements ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            try {
                return ReportFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
