package dev.portcullis.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import dev.portcullis.gate.Baseline;
import dev.portcullis.gate.CheckRequest;
import dev.portcullis.gate.ConfigException;
import dev.portcullis.gate.ProjectConfig;
import dev.portcullis.gate.Progress;
import dev.portcullis.gate.RuleChoiceException;
import dev.portcullis.model.CheckResult;
import dev.portcullis.model.InputError;
import dev.portcullis.model.InputException;
import dev.portcullis.report.TextReporter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis baseline create}: runs a check and records its findings in a baseline file, so that later
 * checks with {@code --baseline} fail only on new findings.
 */
@Command(name = "baseline",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Record today's findings, so that checks with --baseline fail only on new ones.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  portcullis baseline create --output .portcullis-baseline.json .",
            "  portcullis check . --baseline .portcullis-baseline.json"})
final class BaselineCommand implements Callable<Integer> {

    private final PrintStream err;

    private BaselineCommand(PrintStream err) {
        this.err = err;
    }

    /** The {@code baseline} command line with its subcommand. */
    static CommandLine commandLine(Checker checker, Environment environment, PrintStream out, PrintStream err) {
        return new CommandLine(new BaselineCommand(err)).addSubcommand(new Create(checker, environment, out, err));
    }

    @Override
    public Integer call() {
        err.println("portcullis baseline: missing command (create)");
        err.println("Try 'portcullis baseline --help'.");
        return ExitCode.USAGE.code;
    }

    @Command(name = "create",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            sortOptions = false,
            usageHelpAutoWidth = true,
            description = {
                "Check the templates and write their current findings (all severities, except those already "
                        + "suppressed) to a baseline file. The project configuration (.portcullis.yaml, its "
                        + "waivers and rule settings) applies as it does for 'check'.",
                "File names in the baseline are relative to the baseline file's directory: keep it at the "
                        + "repository root and it matches from any working directory."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:baseline written",
                "2:usage error",
                "3:an input could not be read or evaluated (no baseline is written)",
                "4:internal error"})
    static final class Create implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE",
                description = "The baseline file to write (replaced if it exists); required unless the project "
                        + "configuration names one ('baseline:').")
        String output;

        @Parameters(paramLabel = "PATH", arity = "1..*", description = "Template files or directories to check.")
        List<String> paths = new ArrayList<>();

        @Mixin
        CheckInputOptions options;

        @Option(names = "--stacktrace", description = "Print the stack trace of an internal error.")
        boolean stacktrace;

        private final Checker checker;
        private final Environment environment;
        private final PrintStream out;
        private final PrintStream err;

        Create(Checker checker, Environment environment, PrintStream out, PrintStream err) {
            this.checker = checker;
            this.environment = environment;
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            ProjectConfig project;
            try {
                project = options.project(environment, err);
            } catch (ConfigException e) {
                // A baseline made under settings we could not read would record the wrong findings.
                e.errors().forEach(error -> err.println(TextReporter.errorLine(error)));
                return ExitCode.INPUT.code;
            }
            String target = output != null ? output : project == null ? null : project.baseline();
            if (target == null) {
                throw new ParameterException(spec.commandLine(), "Missing required option: '--output=FILE' (or "
                        + "'baseline:' in the project configuration)");
            }
            Path file;
            try {
                file = Path.of(target);
            } catch (InvalidPathException e) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--output': '" + target
                        + "' is not a valid path");
            }
            options.validate();
            List<Throwable> traces = new ArrayList<>();
            Consumer<Throwable> internalErrors = t -> {
                synchronized (traces) {
                    traces.add(t);
                }
            };
            CheckResult result;
            try {
                // Never compared with a baseline: what the current one holds must be recorded again.
                result = checker.check(new CheckRequest(paths, options.inputs(), options.rules(), project, null),
                        Progress.NONE, internalErrors);
            } catch (RuleChoiceException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            } catch (InputException e) {
                err.println(TextReporter.errorLine(e.toError()));
                return ExitCode.INPUT.code;
            }
            for (InputError e : result.errors()) {
                err.println(TextReporter.errorLine(e));
            }
            if (stacktrace) {
                synchronized (traces) {
                    traces.forEach(t -> t.printStackTrace(err));
                }
            }
            if (result.hasInternalError()) {
                return ExitCode.INTERNAL.code;
            }
            if (result.hasInputError()) {
                // A baseline of a partial check would let the unread templates' findings in later unnoticed.
                err.println("portcullis baseline: not written: fix the inputs above first");
                return ExitCode.INPUT.code;
            }
            int recorded;
            try {
                recorded = Baseline.write(result.findings(), file);
            } catch (IOException e) {
                err.println(target + ": cannot write the baseline: " + CheckCommand.describe(e));
                return ExitCode.USAGE.code;
            }
            out.println("Recorded " + recorded + " finding" + (recorded == 1 ? "" : "s") + " in " + target);
            return ExitCode.OK.code;
        }
    }
}
