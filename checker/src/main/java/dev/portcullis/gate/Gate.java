package dev.portcullis.gate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.nio.file.Path;

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
import dev.portcullis.model.Summary;
import dev.portcullis.model.Template;
import dev.portcullis.parse.TemplateParser;
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
        this.checks = List.copyOf(checks);
        this.ruleChecks = ruleChecks;
        this.internalErrors = internalErrors;
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
        try {
            return new RuleListing(new Selection(options.pack(), options.enable(), options.disable()).apply(catalog)
                    .stream().sorted(java.util.Comparator.comparing(Rule::id)).toList(), catalog.errors());
        } catch (IllegalArgumentException e) {
            throw new RuleChoiceException(e.getMessage(), e);
        }
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
        CompletableFuture<Prepared> prepared = CompletableFuture.supplyAsync(() -> prepare(request.rules()));
        Supplier<Engine> engine = () -> join(prepared).engine();
        TemplateDiscovery.Discovery discovery = new TemplateDiscovery().discover(request.paths());
        List<TemplateDiscovery.Candidate> files = discovery.candidates();
        List<FileOutcome> outcomes = evaluateAll(engine, files, request.inputs(), progress);
        Prepared rules = join(prepared);

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
        findings.sort(Finding.ORDER);
        unknown.sort(Finding.ORDER);
        errors.sort(Comparator.comparing(InputError::file)
                .thenComparing(e -> e.line() == null ? 0 : e.line()));
        CheckResult result = new CheckResult(findings, unknown, errors,
                Summary.of(fileCount, templates, resources, findings, errors.size(), unknown.size()));
        return request.baseline() == null ? result : Baseline.compare(result, request.baseline());
    }

    /** The engine for a request's rules, and the problems found in rule files. */
    private record Prepared(Engine engine, List<InputError> errors) {
    }

    private Prepared prepare(RuleOptions options) {
        if (ruleChecks == null) {
            return new Prepared(new Engine(checks), List.of());
        }
        Catalog catalog = catalog(options.rulesDirs());
        List<Rule> rules;
        try {
            rules = new Selection(options.pack(), options.enable(), options.disable()).apply(catalog);
        } catch (IllegalArgumentException e) {
            throw new RuleChoiceException(e.getMessage(), e);
        }
        List<ResourceCheck> all = new ArrayList<>(checks);
        all.add(new RuleSet(rules));
        return new Prepared(new Engine(all), catalog.errors());
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

    private List<FileOutcome> evaluateAll(Supplier<Engine> engine, List<TemplateDiscovery.Candidate> files, Inputs inputs,
                                          Progress progress) {
        int threads = Math.min(files.size(), Runtime.getRuntime().availableProcessors());
        AtomicInteger done = new AtomicInteger();
        if (threads <= 1) {
            List<FileOutcome> out = new ArrayList<>(files.size());
            for (TemplateDiscovery.Candidate file : files) {
                progress.file(done.incrementAndGet(), files.size(), file.displayName());
                out.add(evaluate(engine, file, inputs));
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
                    return evaluate(engine, file, inputs);
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

    private FileOutcome evaluate(Supplier<Engine> engine, TemplateDiscovery.Candidate file, Inputs inputs) {
        try {
            if (file.stack() != null) {
                AssemblyStackCheck.Outcome outcome = AssemblyStackCheck.run(file.stack(), inputs,
                        (path, name, in) -> checkTemplate(engine.get(), path, name, in));
                return new FileOutcome(outcome.evaluations(), outcome.errors());
            }
            return FileOutcome.of(checkTemplate(engine.get(), file.path(), file.displayName(), inputs).evaluation());
        } catch (RuleChoiceException e) {
            return new FileOutcome(List.of(), List.of()); // check() rethrows it once all files are done
        } catch (InputException e) {
            return FileOutcome.of(e.toError());
        } catch (RuntimeException | StackOverflowError e) {
            return internal(file, e);
        }
    }

    /** Parses, expands and evaluates one template; throws {@link InputException} when it cannot. */
    private static CheckedTemplate checkTemplate(Engine engine, Path path, String displayName, Inputs inputs) {
        Template parsed = new TemplateParser().parse(path, displayName);
        Expansion expansion = LanguageExtensions.expand(parsed, inputs);
        return new CheckedTemplate(expansion.template(), engine.evaluate(expansion, inputs));
    }

    private FileOutcome internal(TemplateDiscovery.Candidate file, Throwable e) {
        internalErrors.accept(e);
        String detail = e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return FileOutcome.of(new InputError(file.displayName(), null, "internal error: " + detail, true));
    }
}
