package dev.portcullis.gate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;

import dev.portcullis.catalog.Catalog;
import dev.portcullis.catalog.CheckRegistry;
import dev.portcullis.catalog.FixtureOutcome;
import dev.portcullis.catalog.FixtureRunner;
import dev.portcullis.catalog.Rule;
import dev.portcullis.catalog.RuleSet;
import dev.portcullis.catalog.Selection;
import dev.portcullis.engine.Engine;
import dev.portcullis.engine.ResourceCheck;
import dev.portcullis.engine.TemplateEvaluation;
import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputError;
import dev.portcullis.model.InputException;
import dev.portcullis.model.Severity;
import dev.portcullis.model.Summary;
import dev.portcullis.model.Template;
import dev.portcullis.parse.TemplateParser;
import dev.portcullis.report.RuleDescription;
import dev.portcullis.resolve.Expansion;
import dev.portcullis.resolve.Inputs;
import dev.portcullis.resolve.LanguageExtensions;

/**
 * The one entry point of the checker library: paths and inputs in, findings and errors out. Every file is
 * checked even when others fail; a file that cannot be read or evaluated becomes an error, never a pass.
 */
public final class Gate {

    private final List<ResourceCheck> checks;
    private final CheckRegistry ruleChecks;
    private final Consumer<Throwable> internalErrors;
    /** Decides which waivers have expired. */
    private final Clock clock;

    /** A gate with the built-in checks and the bundled rule catalog; internal errors reported without stack traces. */
    public Gate() {
        this(t -> { });
    }

    /** A gate with the built-in checks and the bundled rule catalog. */
    public Gate(Consumer<Throwable> internalErrors) {
        this(Checks.builtIn(), Checks.ruleChecks(), internalErrors);
    }

    /**
     * A gate with exactly these checks and no rule catalog.
     *
     * @param checks         the checks to run on each resource
     * @param internalErrors told about every unexpected exception (the CLI prints it with {@code --stacktrace})
     */
    public Gate(List<ResourceCheck> checks, Consumer<Throwable> internalErrors) {
        this(checks, null, internalErrors);
    }

    /**
     * @param ruleChecks the Java checks rule files may name; null runs no rules at all
     */
    public Gate(List<ResourceCheck> checks, CheckRegistry ruleChecks, Consumer<Throwable> internalErrors) {
        this(checks, ruleChecks, internalErrors, Clock.systemDefaultZone());
    }

    private Gate(List<ResourceCheck> checks, CheckRegistry ruleChecks, Consumer<Throwable> internalErrors,
                 Clock clock) {
        this.checks = List.copyOf(checks);
        this.ruleChecks = ruleChecks;
        this.internalErrors = internalErrors;
        this.clock = clock;
    }

    /** The same gate, taking today's date (for waiver expiry) from {@code clock}. */
    public Gate withClock(Clock clock) {
        return new Gate(checks, ruleChecks, internalErrors, clock);
    }

    /**
     * Starts loading the bundled rule catalog in the background, so that a command line that is about to check
     * templates or list rules finds it loaded (or nearly) by the time it needs it. Failures surface on first use.
     */
    public static void preload() {
        Thread t = new Thread(() -> {
            try {
                BundledCatalog.get(Checks.ruleChecks());
            } catch (RuntimeException e) {
                // reported by the check that uses the catalog
            }
        }, "portcullis-catalog");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The rule catalog a request would use: the bundled rules plus those in {@code rulesDirs}. Problems in rule
     * files are in {@link Catalog#errors()}.
     */
    public Catalog catalog(List<String> rulesDirs) {
        Catalog bundled = BundledCatalog.get(ruleChecks == null ? Checks.ruleChecks() : ruleChecks);
        return bundled.withUserRules(rulesDirs.stream().map(Path::of).toList());
    }

    /**
     * The rules a check with these options would run, in id order.
     *
     * @throws RuleChoiceException when the pack or an enabled or disabled rule does not exist
     */
    public RuleListing rules(RuleOptions options) {
        Catalog catalog = catalog(options.rulesDirs());
        return new RuleListing(select(catalog, options).stream()
                .sorted(java.util.Comparator.comparing(Rule::id)).toList(), catalog.errors());
    }

    /** The pack's rules with the options' changes, severity overrides applied last. */
    private static List<Rule> select(Catalog catalog, RuleOptions options) {
        List<Rule> rules;
        try {
            rules = new Selection(options.pack(), options.enable(), options.disable()).apply(catalog);
        } catch (IllegalArgumentException e) {
            throw new RuleChoiceException(e.getMessage(), e);
        }
        if (options.severities().isEmpty()) {
            return rules;
        }
        return rules.stream().map(r -> {
            Severity override = options.severities().get(r.id());
            return override == null ? r : r.withSeverity(override);
        }).toList();
    }

    /** Runs every rule of a users' rules directory on its annotated fixture. */
    public RuleTests testRules(String rulesDir) {
        Catalog catalog = catalog(List.of(rulesDir));
        List<FixtureOutcome> outcomes = new ArrayList<>();
        for (Rule rule : catalog.rules()) {
            if (!rule.source().bundled()) {
                outcomes.add(FixtureRunner.run(rule));
            }
        }
        return new RuleTests(outcomes, catalog.errors());
    }

    /**
     * Checks the request's paths with its rules. Rule files that fail to load are errors in the result (and
     * left out); a pack or rule id that does not exist throws {@link RuleChoiceException} before any work.
     */
    public CheckResult check(CheckRequest request, Progress progress) {
        // The rules load while the first templates are read and parsed: a check of one template then does not
        // wait for the catalog before it starts.
        CompletableFuture<Prepared> prepared = CompletableFuture.supplyAsync(
                () -> prepare(request.rules(), request.project()));
        Supplier<Prepared> rulesSupplier = () -> join(prepared);
        TemplateDiscovery.Discovery discovery = new TemplateDiscovery(request.rules().rulesDirs())
                .discover(request.paths());
        List<TemplateDiscovery.Candidate> files = discovery.candidates();
        WaiverUse waiverUse = new WaiverUse();
        List<FileOutcome> outcomes = evaluateAll(rulesSupplier, files, request, progress, waiverUse);
        Prepared rules = join(prepared);
        if (!rules.configErrors().isEmpty()) {
            // Findings under a configuration that names rules that do not exist would be a guess at its intent.
            List<InputError> configErrors = rules.configErrors();
            return new CheckResult(List.of(), List.of(), configErrors,
                    Summary.of(0, 0, 0, List.of(), configErrors.size()));
        }

        List<Finding> findings = new ArrayList<>();
        List<Finding> unknown = new ArrayList<>();
        List<InputError> errors = new ArrayList<>(discovery.errors());
        errors.addAll(rules.errors());
        int templates = 0;
        int resources = 0;
        int fileCount = discovery.errors().size();
        for (FileOutcome outcome : outcomes) {
            errors.addAll(outcome.errors());
            for (TemplateEvaluation evaluation : outcome.evaluations()) {
                templates++;
                resources += evaluation.resources();
                findings.addAll(evaluation.findings());
                unknown.addAll(evaluation.unknown());
            }
            // A cloud assembly stack counts its nested stacks' templates too.
            fileCount += Math.max(1, outcome.evaluations().size() + outcome.errors().size());
        }
        if (request.project() != null) {
            findings.addAll(waiverUse.unused(request.project().waivers(), rules.ran()));
        }
        findings.sort(Finding.ORDER);
        unknown.sort(Finding.ORDER);
        errors.sort(Comparator.comparing(InputError::file)
                .thenComparing(e -> e.line() == null ? 0 : e.line()));
        CheckResult result = new CheckResult(findings, unknown, errors,
                Summary.of(fileCount, templates, resources, findings, errors.size(), unknown.size()));
        return request.baseline() == null ? result : Baseline.compare(result, request.baseline());
    }

    /**
     * Checks one template given as text rather than as a path: the response stack's audit builds a template in
     * memory from a deployed resource's properties and checks it with the same rules as {@code portcullis check}.
     * {@code name} stands for the file in findings and errors. Never throws for bad content: it is an error in the
     * result, as a file would be.
     */
    public CheckResult checkTemplate(String name, byte[] content, Inputs inputs, RuleOptions rules) {
        Prepared prepared = prepare(rules, null);
        List<Finding> findings = new ArrayList<>();
        List<Finding> unknown = new ArrayList<>();
        List<InputError> errors = new ArrayList<>(prepared.errors());
        int resources = 0;
        int templates = 0;
        try {
            Template parsed = new TemplateParser().parse(name, content);
            Expansion expansion = LanguageExtensions.expand(parsed, inputs);
            TemplateEvaluation evaluation = prepared.engine().evaluate(expansion, inputs);
            findings.addAll(evaluation.findings());
            unknown.addAll(evaluation.unknown());
            resources = evaluation.resources();
            templates = 1;
        } catch (InputException e) {
            errors.add(e.toError());
        } catch (RuntimeException | StackOverflowError e) {
            internalErrors.accept(e);
            errors.add(new InputError(name, null, "internal error: " + e, true));
        }
        findings.sort(Finding.ORDER);
        unknown.sort(Finding.ORDER);
        return new CheckResult(findings, unknown, errors,
                Summary.of(1, templates, resources, findings, errors.size(), unknown.size()));
    }

    /**
     * The engine for a request's rules, the problems found in rule files, the rule ids suppressions may name, the
     * rule ids the project configuration names that do not exist (the check does not run then), and which rule ids
     * the engine runs.
     */
    private record Prepared(Engine engine, List<InputError> errors, RuleIndex index, List<InputError> configErrors,
                            Predicate<String> ran) {
    }

    private Prepared prepare(RuleOptions options, ProjectConfig project) {
        if (ruleChecks == null) {
            return new Prepared(new Engine(checks), List.of(), RuleIndex.OPEN, List.of(), id -> true);
        }
        Catalog catalog = catalog(options.rulesDirs());
        RuleIndex index = RuleIndex.of(catalog);
        List<InputError> configErrors = project == null ? List.of() : configErrors(catalog, index, project, options);
        if (!configErrors.isEmpty()) {
            return new Prepared(new Engine(checks), catalog.errors(), index, configErrors, id -> false);
        }
        List<ResourceCheck> all = new ArrayList<>(checks);
        List<Rule> selected = select(catalog, options);
        all.add(new RuleSet(selected));
        // The built-in findings (property validation, notes) are made whatever the rule choice.
        Set<String> ran = new java.util.HashSet<>();
        selected.forEach(r -> ran.add(r.id()));
        RuleDescription.builtIn().forEach(d -> ran.add(d.id()));
        return new Prepared(new Engine(all), catalog.errors(), index, List.of(), Set.copyOf(ran)::contains);
    }

    /** Rule ids and the pack the configuration names that the catalog does not have, at their lines. */
    private static List<InputError> configErrors(Catalog catalog, RuleIndex index, ProjectConfig project,
                                                 RuleOptions options) {
        List<InputError> errors = new ArrayList<>(index.unknown(project.references()));
        String pack = project.pack();
        if (pack != null && pack.equals(options.pack()) && catalog.pack(pack).isEmpty()) {
            errors.add(new InputError(project.file(), project.packLine(), "no rule pack '" + pack + "' (known: "
                    + String.join(", ", catalog.packs().keySet()) + ")"));
        }
        return errors;
    }

    /** The prepared rules, or the exception that kept them from loading, unwrapped. */
    private static Prepared join(CompletableFuture<Prepared> prepared) {
        try {
            return prepared.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /**
     * One file's result: an evaluation or an error; for a cloud assembly stack, also those of its nested stacks.
     */
    private record FileOutcome(List<TemplateEvaluation> evaluations, List<InputError> errors) {
        static FileOutcome of(TemplateEvaluation evaluation) {
            return new FileOutcome(List.of(evaluation), List.of());
        }

        static FileOutcome of(InputError error) {
            return new FileOutcome(List.of(), List.of(error));
        }
    }

    private List<FileOutcome> evaluateAll(Supplier<Prepared> engine, List<TemplateDiscovery.Candidate> files,
                                          CheckRequest request, Progress progress, WaiverUse waiverUse) {
        int threads = Math.min(files.size(), Runtime.getRuntime().availableProcessors());
        AtomicInteger done = new AtomicInteger();
        if (threads <= 1) {
            List<FileOutcome> out = new ArrayList<>(files.size());
            for (TemplateDiscovery.Candidate file : files) {
                progress.file(done.incrementAndGet(), files.size(), file.displayName());
                out.add(evaluate(engine, file, request, waiverUse));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "portcullis-check");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<FileOutcome>> futures = new ArrayList<>(files.size());
            for (TemplateDiscovery.Candidate file : files) {
                futures.add(pool.submit(() -> {
                    progress.file(done.incrementAndGet(), files.size(), file.displayName());
                    return evaluate(engine, file, request, waiverUse);
                }));
            }
            List<FileOutcome> out = new ArrayList<>(files.size());
            for (int i = 0; i < futures.size(); i++) {
                out.add(await(futures.get(i), files.get(i)));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private FileOutcome await(Future<FileOutcome> future, TemplateDiscovery.Candidate file) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return internal(file, e);
        } catch (ExecutionException e) {
            return internal(file, e.getCause());
        }
    }

    private FileOutcome evaluate(Supplier<Prepared> rules, TemplateDiscovery.Candidate file, CheckRequest request,
                                 WaiverUse waiverUse) {
        try {
            ProjectConfig project = request.project();
            Inputs inputs = project == null ? request.inputs() : project.inputsFor(file.path(), request.inputs());
            Prepared prepared = rules.get();
            if (file.stack() != null) {
                AssemblyStackCheck.Outcome outcome = AssemblyStackCheck.run(file.stack(), inputs,
                        (path, name, in) -> checkTemplate(prepared, project, path, name, in, waiverUse));
                return new FileOutcome(outcome.evaluations(), outcome.errors());
            }
            CheckedTemplate checked = checkTemplate(prepared, project, file.path(), file.displayName(), inputs,
                    waiverUse);
            return new FileOutcome(List.of(checked.evaluation()), checked.errors());
        } catch (RuleChoiceException e) {
            return new FileOutcome(List.of(), List.of()); // check() rethrows it once all files are done
        } catch (InputException e) {
            return FileOutcome.of(e.toError());
        } catch (RuntimeException | StackOverflowError e) {
            return internal(file, e);
        }
    }

    /**
     * Parses, expands and evaluates one template and applies its inline suppressions and the project's waivers;
     * throws {@link InputException} when it cannot. Malformed inline suppressions are errors beside the findings.
     * Which waivers could apply here and which were used goes to {@code waiverUse}.
     */
    private CheckedTemplate checkTemplate(Prepared prepared, ProjectConfig project, Path path, String displayName,
                                          Inputs inputs, WaiverUse waiverUse) {
        Template parsed = new TemplateParser().parse(path, displayName);
        Expansion expansion = LanguageExtensions.expand(parsed, inputs);
        TemplateEvaluation evaluation = prepared.engine().evaluate(expansion, inputs);
        InlineSuppressions.Read inline = InlineSuppressions.read(expansion.template(), prepared.index());
        Suppressions suppressions = project == null
                ? new Suppressions(inline.entries(), List.of(), InlinePolicy.ALLOW_ALL, null, today())
                : new Suppressions(inline.entries(), project.waivers(), project.inline(), project.relative(path),
                        today());
        TemplateEvaluation suppressed = new TemplateEvaluation(suppressions.apply(evaluation.findings()),
                suppressions.apply(evaluation.unknown()), evaluation.resources());
        waiverUse.record(suppressions.waiversInScope(), suppressions.waiversUsed());
        return new CheckedTemplate(expansion.template(), suppressed, inline.errors());
    }

    private FileOutcome internal(TemplateDiscovery.Candidate file, Throwable e) {
        internalErrors.accept(e);
        String detail = e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return FileOutcome.of(new InputError(file.displayName(), null, "internal error: " + detail, true));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
