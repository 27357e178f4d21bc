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
        for (FileOutcome outcome : outcomes) {
            if (outcome.error() != null) {
                errors.add(outcome.error());
            } else {
                templates++;
                resources += outcome.evaluation().resources();
                findings.addAll(outcome.evaluation().findings());
                unknown.addAll(outcome.evaluation().unknown());
            }
        }
        findings.sort(Finding.ORDER);
        unknown.sort(Finding.ORDER);
        errors.sort(Comparator.comparing(InputError::file)
                .thenComparing(e -> e.line() == null ? 0 : e.line()));
        int fileCount = files.size() + discovery.errors().size();
        return new CheckResult(findings, unknown, errors,
                Summary.of(fileCount, templates, resources, findings, errors.size(), unknown.size()));
    }

    /**
     * Checks one template given as text rather than as a path: the response stack's audit builds a template in
     * memory from a deployed resource's properties and checks it with the same rules as {@code portcullis check}.
     * {@code name} stands for the file in findings and errors. Never throws for bad content: it is an error in the
     * result, as a file would be.
     */
    public CheckResult checkTemplate(String name, byte[] content, Inputs inputs, RuleOptions rules) {
        Prepared prepared = prepare(rules);
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

    /** One file's result: an evaluation or an error. */
    private record FileOutcome(TemplateEvaluation evaluation, InputError error) {
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
            Template parsed = new TemplateParser().parse(file.path(), file.displayName());
            Expansion expansion = LanguageExtensions.expand(parsed, inputs);
            return new FileOutcome(engine.get().evaluate(expansion, inputs), null);
        } catch (RuleChoiceException e) {
            return new FileOutcome(null, null); // check() rethrows it once all files are done
        } catch (InputException e) {
            return new FileOutcome(null, e.toError());
        } catch (RuntimeException | StackOverflowError e) {
            return internal(file, e);
        }
    }

    private FileOutcome internal(TemplateDiscovery.Candidate file, Throwable e) {
        internalErrors.accept(e);
        String detail = e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new FileOutcome(null, new InputError(file.displayName(), null, "internal error: " + detail, true));
    }
}
