package dev.portcullis.gate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

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

    private final Engine engine;
    private final Consumer<Throwable> internalErrors;

    /** A gate with the built-in checks; internal errors are reported as errors without stack traces. */
    public Gate() {
        this(Checks.builtIn(), t -> { });
    }

    /**
     * @param checks         the checks to run on each resource
     * @param internalErrors told about every unexpected exception (the CLI prints it with {@code --stacktrace})
     */
    public Gate(List<ResourceCheck> checks, Consumer<Throwable> internalErrors) {
        this.engine = new Engine(checks);
        this.internalErrors = internalErrors;
    }

    public CheckResult check(CheckRequest request, Progress progress) {
        TemplateDiscovery.Discovery discovery = new TemplateDiscovery().discover(request.paths());
        List<TemplateDiscovery.Candidate> files = discovery.candidates();
        List<FileOutcome> outcomes = evaluateAll(files, request.inputs(), progress);

        List<Finding> findings = new ArrayList<>();
        List<InputError> errors = new ArrayList<>(discovery.errors());
        int templates = 0;
        int resources = 0;
        for (FileOutcome outcome : outcomes) {
            if (outcome.error() != null) {
                errors.add(outcome.error());
            } else {
                templates++;
                resources += outcome.evaluation().resources();
                findings.addAll(outcome.evaluation().findings());
            }
        }
        findings.sort(Finding.ORDER);
        errors.sort(Comparator.comparing(InputError::file)
                .thenComparing(e -> e.line() == null ? 0 : e.line()));
        int fileCount = files.size() + discovery.errors().size();
        return new CheckResult(findings, errors,
                Summary.of(fileCount, templates, resources, findings, errors.size()));
    }

    /** One file's result: an evaluation or an error. */
    private record FileOutcome(TemplateEvaluation evaluation, InputError error) {
    }

    private List<FileOutcome> evaluateAll(List<TemplateDiscovery.Candidate> files, Inputs inputs, Progress progress) {
        int threads = Math.min(files.size(), Runtime.getRuntime().availableProcessors());
        AtomicInteger done = new AtomicInteger();
        if (threads <= 1) {
            List<FileOutcome> out = new ArrayList<>(files.size());
            for (TemplateDiscovery.Candidate file : files) {
                progress.file(done.incrementAndGet(), files.size(), file.displayName());
                out.add(evaluate(file, inputs));
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
                    return evaluate(file, inputs);
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

    private FileOutcome evaluate(TemplateDiscovery.Candidate file, Inputs inputs) {
        try {
            Template parsed = new TemplateParser().parse(file.path(), file.displayName());
            Expansion expansion = LanguageExtensions.expand(parsed, inputs);
            return new FileOutcome(engine.evaluate(expansion, inputs), null);
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
