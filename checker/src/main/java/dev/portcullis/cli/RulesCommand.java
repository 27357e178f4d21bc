package dev.portcullis.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import dev.portcullis.catalog.Catalog;
import dev.portcullis.catalog.FixtureSnippets;
import dev.portcullis.catalog.Rule;
import dev.portcullis.gate.Gate;
import dev.portcullis.gate.RuleChoiceException;
import dev.portcullis.gate.RuleListing;
import dev.portcullis.gate.RuleOptions;
import dev.portcullis.gate.RuleTests;
import dev.portcullis.model.InputError;
import dev.portcullis.report.ReportFormat;
import dev.portcullis.report.RuleReporter;
import dev.portcullis.report.Style;
import dev.portcullis.report.TextReporter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis rules list|explain|test}: the rule catalog for users. Each subcommand turns its options into a
 * gate call and hands the answer to {@link RuleReporter}.
 */
@Command(name = "rules",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "List, explain and test the rules portcullis checks templates against.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  portcullis rules list --pack fsbp",
            "  portcullis rules list --format json",
            "  portcullis rules explain s3-bucket-versioning",
            "  portcullis rules test my-rules/"})
final class RulesCommand implements Callable<Integer> {

    private final PrintStream err;

    private RulesCommand(PrintStream err) {
        this.err = err;
    }

    /** The {@code rules} command line with its three subcommands. */
    static CommandLine commandLine(Supplier<Gate> gate, Environment environment, PrintStream out, PrintStream err) {
        return new CommandLine(new RulesCommand(err))
                .addSubcommand(new ListRules(gate, environment, out, err))
                .addSubcommand(new ExplainRule(gate, environment, out, err))
                .addSubcommand(new TestRules(gate, environment, out, err));
    }

    @Override
    public Integer call() {
        err.println("portcullis rules: missing command (list, explain or test)");
        err.println("Try 'portcullis rules --help'.");
        return ExitCode.USAGE.code;
    }

    /** What the three subcommands share: where they write and how. */
    private abstract static class Subcommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--no-color", description = "Never colour the output (also: the NO_COLOR environment variable).")
        boolean noColor;

        final Supplier<Gate> gate;
        final Environment environment;
        final PrintStream out;
        final PrintStream err;

        Subcommand(Supplier<Gate> gate, Environment environment, PrintStream out, PrintStream err) {
            this.gate = gate;
            this.environment = environment;
            this.out = out;
            this.err = err;
        }

        RuleReporter reporter() {
            boolean color = environment.terminal() && !noColor && !environment.noColor();
            return new RuleReporter(color ? Style.COLOR : Style.PLAIN);
        }

        Writer stdout() {
            return new OutputStreamWriter(out, StandardCharsets.UTF_8);
        }

        /** Prints load errors, one line each; true when there were any (exit 3). */
        boolean printErrors(List<InputError> errors) {
            errors.forEach(e -> err.println(TextReporter.errorLine(e)));
            return !errors.isEmpty();
        }

        ParameterException usage(String message) {
            return new ParameterException(spec.commandLine(), message);
        }
    }

    @Command(name = "list",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            sortOptions = false,
            usageHelpAutoWidth = true,
            description = "List the rules a check runs: a pack's rules (with the pack's severities) plus your own.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:listed", "2:usage error (unknown pack or option)",
                "3:a rule file could not be loaded (the others are listed)", "4:internal error"})
    static final class ListRules extends Subcommand {
        @Option(names = "--pack", paramLabel = "PACK", defaultValue = Catalog.DEFAULT_PACK,
                description = "The pack to list: default, fsbp, cis-aws, or one from --rules (default: ${DEFAULT-VALUE}).")
        String pack;

        @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
                converter = CheckCommand.FormatConverter.class,
                description = "text or json; json gives a 'rules' array with every field (default: ${DEFAULT-VALUE}).")
        ReportFormat format;

        @Option(names = "--rules", paramLabel = "DIR", description = "Also list your own rules from DIR; repeatable.")
        List<String> rulesDirs = new ArrayList<>();

        ListRules(Supplier<Gate> gate, Environment environment, PrintStream out, PrintStream err) {
            super(gate, environment, out, err);
        }

        @Override
        public Integer call() throws IOException {
            if (format != ReportFormat.TEXT && format != ReportFormat.JSON) {
                // the other formats are for check results
                throw usage("Invalid value for option '--format': rules are listed as text or json, not "
                        + format.label());
            }
            RuleListing listing;
            try {
                listing = gate.get().rules(new RuleOptions(rulesDirs, pack, List.of(), List.of()));
            } catch (RuleChoiceException e) {
                throw usage(e.getMessage());
            }
            boolean errors = printErrors(listing.errors());
            reporter().list(listing.rules(), format, stdout());
            return (errors ? ExitCode.INPUT : ExitCode.OK).code;
        }
    }

    @Command(name = "explain",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            usageHelpAutoWidth = true,
            description = "Explain a rule: why it matters, how to fix it, and compliant and non-compliant examples "
                    + "from its test template.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:explained", "2:usage error (no such rule)", "3:a rule file could not be loaded",
                "4:internal error"})
    static final class ExplainRule extends Subcommand {
        @Parameters(paramLabel = "RULE", arity = "1", description = "The rule id, e.g. s3-bucket-versioning.")
        String id;

        @Option(names = "--rules", paramLabel = "DIR", description = "Also look in your own rules in DIR; repeatable.")
        List<String> rulesDirs = new ArrayList<>();

        ExplainRule(Supplier<Gate> gate, Environment environment, PrintStream out, PrintStream err) {
            super(gate, environment, out, err);
        }

        @Override
        public Integer call() throws IOException {
            Catalog catalog = gate.get().catalog(rulesDirs);
            boolean errors = printErrors(catalog.errors());
            Rule rule = catalog.rule(id).orElseThrow(() -> usage("no rule '" + id + "'; 'portcullis rules list' "
                    + "shows them all"));
            reporter().explain(rule, FixtureSnippets.of(rule, 2), stdout());
            return (errors ? ExitCode.INPUT : ExitCode.OK).code;
        }
    }

    @Command(name = "test",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            usageHelpAutoWidth = true,
            description = {"Run your rules on their annotated test templates.",
                "Each <id>.rule.yaml needs <id>.test.yaml beside it, a template with '# ruleid: <id>' on the line "
                        + "before each line where a finding must be reported and '# ok: <id>' before each compliant "
                        + "resource. A rule passes when the lines it reports are exactly the annotated ones."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:every rule passed", "1:some rule failed its test", "2:usage error",
                "3:a rule file could not be loaded", "4:internal error"})
    static final class TestRules extends Subcommand {
        @Parameters(paramLabel = "DIR", arity = "1", description = "Your rules directory.")
        String dir;

        TestRules(Supplier<Gate> gate, Environment environment, PrintStream out, PrintStream err) {
            super(gate, environment, out, err);
        }

        @Override
        public Integer call() throws IOException {
            RuleTests tests = gate.get().testRules(dir);
            boolean errors = printErrors(tests.errors());
            reporter().testRun(tests.outcomes(), stdout());
            ExitCode code = tests.allPassed() ? ExitCode.OK : ExitCode.FINDINGS;
            return code.worst(errors ? ExitCode.INPUT : ExitCode.OK).code;
        }
    }
}
