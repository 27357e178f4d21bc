package dev.portcullis.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.portcullis.audit.AuditReplay;
import dev.portcullis.audit.CloudTrailEvents;
import dev.portcullis.gate.Gate;
import dev.portcullis.report.ReplayReporter;
import dev.portcullis.report.ReportFormat;
import dev.portcullis.response.config.ConfigError;
import dev.portcullis.response.config.InvalidConfigException;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.config.SeverityThreshold;
import dev.portcullis.response.events.Replay;
import dev.portcullis.response.events.ReplayResult;
import dev.portcullis.response.finding.MalformedEventException;
import dev.portcullis.response.net.Cidr;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code portcullis replay EVENT.json}: turns the options into a response configuration, runs the event through the
 * response stack's own EventBridge patterns and decision ({@link Replay}, always a dry run) and prints the plan.
 */
@Command(name = "replay",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Show what the response stack would do with an event, enforcing nothing.",
            "Runs a GuardDuty finding or Security Hub import event (as EventBridge delivers it) through the stack's "
                    + "own EventBridge patterns and block decision and prints the plan: the rules it matches, what "
                    + "would be blocked where until when, and every address skipped with the reason.",
            "Also takes a Security Hub custom-action event (Quarantine, Release) or a CloudWatch Logs flow-log "
                    + "payload (as the subscription delivers it, or decoded) and plans the instance response.",
            "A CloudTrail change event (AWS API Call via CloudTrail) is audited with the gate's rule catalog, the "
                    + "change evaluated as its request parameters describe it: the violated rules' reverts and a "
                    + "notification naming who made the change.",
            "Nothing is ever enforced, stored or sent: replay is always a dry run."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the plan was printed (also when it blocks nothing)",
            "2:usage error (unknown option, bad CIDR, bad severity, no EVENT)",
            "3:the event or the configuration could not be read, or the event is malformed",
            "4:internal error in portcullis"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  portcullis replay fixtures/events/guardduty-port-probe.json",
            "  portcullis replay event.json --format json",
            "  portcullis replay event.json --config response.yaml",
            "  portcullis replay event.json --allow-list 203.0.113.0/25,2001:db8::/48",
            "  portcullis replay event.json --min-severity HIGH"})
final class ReplayCommand implements Callable<Integer> {

    @Parameters(paramLabel = "EVENT", arity = "1",
            description = "The EventBridge event, a JSON file (e.g. from the rule's target log or fixtures/events).")
    String event;

    @Option(names = "--dry-run",
            description = "Accepted for symmetry with the stack's dry-run setting; replay is always a dry run, "
                    + "with or without it.")
    boolean dryRun;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Response configuration (YAML, or JSON when the name ends in .json), as the stack is "
                    + "deployed with; default: the stack's defaults.")
    String config;

    @Option(names = "--allow-list", paramLabel = "CIDR", split = ",", converter = CidrConverter.class,
            description = "Addresses never to block, added to the configuration's allow-list; comma-separated "
                    + "or repeated, IPv4 or IPv6, e.g. 203.0.113.0/25.")
    List<Cidr> allowList = new ArrayList<>();

    @Option(names = "--min-severity", paramLabel = "N|LABEL", converter = SeverityConverter.class,
            description = "Act on findings at or above this severity: 0-10 or LOW, MEDIUM, HIGH, CRITICAL; "
                    + "replaces the configuration's min-severity (default there: MEDIUM).")
    SeverityThreshold minSeverity;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text", converter = FormatConverter.class,
            description = "Plan format: text or json (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;

    ReplayCommand(Clock clock, PrintStream out, PrintStream err) {
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        ResponseConfig responseConfig;
        try {
            responseConfig = configuration();
        } catch (InvalidConfigException e) {
            for (ConfigError error : e.errors()) {
                err.println(config + ": " + error.key() + ": " + oneLine(error.message()));
            }
            return ExitCode.INPUT.code;
        }

        String eventText;
        try {
            eventText = Files.readString(Path.of(event), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            err.println(event + ": no such file");
            return ExitCode.INPUT.code;
        } catch (IOException | InvalidPathException e) {
            err.println(event + ": cannot read: " + oneLine(CheckCommand.describe(e)));
            return ExitCode.INPUT.code;
        }

        ResponseConfig decidedUnder;
        ReplayResult result;
        try {
            if (CloudTrailEvents.isCloudTrail(eventText)) {
                // A deployed change: audited with the gate's own rule catalog, as the audit function does.
                AuditReplay replay = new AuditReplay(responseConfig, new Gate());
                decidedUnder = replay.config();
                result = replay.run(eventText);
            } else {
                Replay replay = new Replay(responseConfig);
                decidedUnder = replay.config();
                result = replay.run(eventText, clock.instant());
            }
        } catch (MalformedEventException e) {
            err.println(event + ": " + oneLine(e.getMessage()));
            return ExitCode.INPUT.code;
        }

        try {
            ReplayReporter.of(format).write(result, decidedUnder, new OutputStreamWriter(out, StandardCharsets.UTF_8));
            return ExitCode.OK.code;
        } catch (IOException e) {
            err.println("cannot write the plan: " + e.getMessage());
            return ExitCode.INTERNAL.code;
        }
    }

    private ResponseConfig configuration() {
        ResponseConfig base;
        if (config == null) {
            base = ResponseConfig.defaults();
        } else {
            Path file;
            try {
                file = Path.of(config);
            } catch (InvalidPathException e) {
                throw new InvalidConfigException(config, List.of(new ConfigError("(file)", "not a valid path")));
            }
            if (!Files.isRegularFile(file)) {
                throw new InvalidConfigException(config, List.of(new ConfigError("(file)",
                        Files.exists(file) ? "not a file" : "no such file")));
            }
            base = ResponseConfig.fromFile(file);
        }
        if (!allowList.isEmpty()) {
            List<Cidr> combined = new ArrayList<>(base.allowList());
            combined.addAll(allowList);
            base = base.withAllowList(combined);
        }
        return minSeverity == null ? base : base.withMinSeverity(minSeverity);
    }

    /** Event data and parser messages can hold line breaks and escapes; an error stays one plain line. */
    private static String oneLine(String text) {
        StringBuilder line = new StringBuilder();
        text.strip().replaceAll("\\s*\\R\\s*", " ").codePoints()
                .forEach(c -> line.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return line.toString();
    }

    /** A bad CIDR is a usage error, with the reason the range parser gives. */
    static final class CidrConverter implements ITypeConverter<Cidr> {
        @Override
        public Cidr convert(String value) {
            try {
                return Cidr.parse(value.trim());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class SeverityConverter implements ITypeConverter<SeverityThreshold> {
        @Override
        public SeverityThreshold convert(String value) {
            try {
                return SeverityThreshold.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Replay prints text or JSON only, whatever other formats the check command grows. */
    static final class FormatConverter implements ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            ReportFormat parsed;
            try {
                parsed = ReportFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("unknown format '" + value + "' (expected text or json)");
            }
            if (parsed != ReportFormat.TEXT && parsed != ReportFormat.JSON) {
                throw new TypeConversionException("replay prints text or json, not " + parsed.label());
            }
            return parsed;
        }
    }
}
