package dev.portcullis.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import dev.portcullis.gate.Gate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code portcullis} command: parses the command line, runs the chosen subcommand and returns its exit
 * code. Usage errors become one line plus a hint (exit 2); nothing escapes as a stack trace unless asked.
 */
@Command(name = "portcullis",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = "A security gate for CloudFormation and CDK templates.",
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = "%nExit codes (when several apply, the highest wins):%n",
        exitCodeList = {
            "0:no finding at or above --fail-on",
            "1:findings at or above --fail-on",
            "2:usage error",
            "3:an input could not be read or evaluated",
            "4:internal error"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  portcullis check template.yaml",
            "  portcullis check infra/ --fail-on high --format json --output report.json",
            "  portcullis rules list --pack fsbp",
            "  portcullis baseline create --output .portcullis-baseline.json .",
            "  portcullis help check"})
public final class Main implements Callable<Integer> {

    private PrintStream err;

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("check") || args[0].equals("rules") || args[0].equals("baseline"))) {
            Gate.preload(); // the catalog loads while the command line is parsed and the templates are read
        }
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line and returns the exit code; never exits the JVM. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Environment environment;
        try {
            environment = Environment.current();
        } catch (IllegalArgumentException e) {
            err.println("portcullis: " + e.getMessage());
            return ExitCode.USAGE.code;
        }
        // The gate reports internal errors without stack traces; --stacktrace needs a way to receive them.
        return run(args, out, err, (request, progress, internalErrors) ->
                new Gate(internalErrors).withClock(environment.clock()).check(request, progress), environment);
    }

    static int run(String[] args, PrintStream out, PrintStream err, Checker checker, Environment environment) {
        Main main = new Main();
        main.err = err;
        CommandLine cli = new CommandLine(main)
                .addSubcommand(new CheckCommand(checker, environment, out, err))
                .addSubcommand("rules", RulesCommand.commandLine(Gate::new, environment, out, err))
                .addSubcommand(new ReplayCommand(java.time.Clock.systemUTC(), out, err))
                .addSubcommand("baseline", BaselineCommand.commandLine(checker, environment, out, err))
                .addSubcommand(new HelpCommand());
        cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cli.setParameterExceptionHandler((e, arguments) -> usageError(e, err));
        cli.setExecutionExceptionHandler((e, command, parseResult) -> {
            // CheckCommand handles failures of the gate itself; this catches whatever slipped past it.
            err.println("internal error: " + CheckCommand.describe(e));
            if (parseResult.originalArgs().contains("--stacktrace")) {
                e.printStackTrace(err);
            }
            return ExitCode.INTERNAL.code;
        });
        return cli.execute(args);
    }

    /** Without a command there is nothing to do: show what there is, as a usage error. */
    @Override
    public Integer call() {
        err.println("portcullis: missing command");
        err.println("Try 'portcullis check PATH...' or 'portcullis --help'.");
        return ExitCode.USAGE.code;
    }

    private static int usageError(ParameterException e, PrintStream err) {
        err.println("portcullis: " + e.getMessage());
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        String hint = "Try '" + command + " --help' for more information.";
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            hint = "Did you mean " + String.join(" or ", unmatched.getSuggestions()) + "? " + hint;
        }
        err.println(hint);
        return ExitCode.USAGE.code;
    }
}
