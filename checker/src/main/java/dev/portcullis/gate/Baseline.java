package dev.portcullis.gate;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputError;
import dev.portcullis.model.InputException;
import dev.portcullis.model.Summary;
import dev.portcullis.model.Suppression;
import dev.portcullis.report.Fingerprint;
import dev.portcullis.report.Json;

/**
 * The findings a project has accepted for now, so the gate fails only on new ones. A baseline file records each
 * finding's stable fingerprint ({@link Fingerprint}: rule, file without its template extension, logical id and
 * property path; not the line), so moving a resource, reformatting it or converting the template between YAML
 * and JSON keeps its finding in the baseline, while a finding on another property or resource is new.
 *
 * <p>File names in fingerprints are relative to the directory that holds the baseline file, not to where the
 * check runs: a baseline committed at the repository root matches from any working directory, as long as the
 * templates are named by paths that lead to the same files.
 */
public final class Baseline {

    /** The format version this gate writes and reads. */
    public static final int VERSION = 1;

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

    private final String source;
    private final Path directory;
    private final Map<String, Integer> counts;

    private Baseline(String source, Path directory, Map<String, Integer> counts) {
        this.source = source;
        this.directory = directory;
        this.counts = Map.copyOf(counts);
    }

    /**
     * The result with every finding the baseline holds marked as suppressed (kind {@code BASELINE}), or, when the
     * baseline cannot be read, with that error added (and no finding suppressed): the run then fails closed.
     *
     * @param file the baseline file as the user wrote it
     */
    static CheckResult compare(CheckResult result, String file) {
        Baseline baseline;
        try {
            baseline = read(file);
        } catch (InputException e) {
            List<InputError> errors = new ArrayList<>(result.errors());
            errors.add(e.toError());
            Summary s = result.summary();
            return new CheckResult(result.findings(), result.unknown(), errors,
                    Summary.of(s.files(), s.templates(), s.resources(), result.findings(), errors.size(), s.unknown()));
        }
        return baseline.apply(result);
    }

    /**
     * Reads a baseline file.
     *
     * @throws InputException naming the file, and the line where there is one, when it is missing or malformed
     */
    public static Baseline read(String file) {
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw new InputException(file, null, "not a valid path for a baseline file");
        }
        Document document;
        try {
            document = Json.MAPPER.readValue(path.toFile(), Document.class);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new InputException(file, JsonErrors.line(e), "not a valid baseline: " + cause.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new InputException(file, JsonErrors.line(e), "not a valid baseline: " + JsonErrors.message(e), e);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new InputException(file, null, "baseline file not found", e);
        } catch (IOException e) {
            throw new InputException(file, null, "cannot read the baseline: " + e.getMessage(), e);
        }
        if (document == null) {
            throw new InputException(file, null, "not a valid baseline: the file is empty");
        }
        Map<String, Integer> counts = new HashMap<>();
        for (Entry entry : document.findings()) {
            counts.merge(entry.fingerprint(), entry.count(), Integer::sum);
        }
        return new Baseline(file, directoryOf(path), counts);
    }

    /** How many findings the baseline accepts in all. */
    public int size() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Matches every finding against the baseline, in report order; each fingerprint holds as many findings as were
     * recorded with it. A held finding without a suppression of its own is marked suppressed (kind
     * {@code BASELINE}); one that has its own (inline or a waiver, holding or not) keeps it, so an expired waiver
     * or a forbidden inline suppression still shows, but is marked as held ({@link Finding#inBaseline()}), so
     * reports do not call it new. Matching such findings too means the baseline never hides more findings than it
     * recorded.
     */
    public CheckResult apply(CheckResult result) {
        Map<String, Integer> remaining = new HashMap<>(counts);
        Suppression inBaseline = new Suppression(Suppression.Kind.BASELINE, source, "in baseline", null, null, false);
        List<Finding> marked = new ArrayList<>();
        for (Finding f : result.findings().stream().sorted(Finding.ORDER).toList()) {
            if (!take(remaining, fingerprint(f, directory))) {
                marked.add(f);
            } else if (f.suppression() == null) {
                marked.add(f.withSuppression(inBaseline).withBaseline());
            } else {
                marked.add(f.withBaseline());
            }
        }
        Summary s = result.summary();
        return new CheckResult(marked, result.unknown(), result.errors(),
                Summary.of(s.files(), s.templates(), s.resources(), marked, s.errors(), s.unknown()));
    }

    /**
     * Writes a baseline of the findings that have no suppression of their own to {@code file}, one entry per
     * fingerprint with a count, sorted so the file diffs well. Suppressed findings are left out: their inline
     * suppression or waiver is their record, and a baseline entry would hide them once that lapses (a waiver's
     * expiry date would mean nothing). Findings whose suppression does not hold (an expired waiver, a forbidden
     * inline suppression) are left out too: they wait for a decision by their owner (renew the waiver, move it to
     * the waiver file, or fix), which a baseline must not take for them. Stale waivers ({@link WaiverUse}) are
     * not recorded either: the fix is in the waiver file, and a baseline entry would hide it.
     *
     * @return the number of findings recorded
     */
    public static int write(List<Finding> findings, Path file) throws IOException {
        Path directory = directoryOf(file);
        Map<String, Entry> entries = new LinkedHashMap<>();
        int recorded = 0;
        for (Finding f : findings.stream().sorted(Finding.ORDER).toList()) {
            if (f.suppression() != null || f.ruleId().equals(WaiverUse.UNUSED_RULE)) {
                continue;
            }
            recorded++;
            String print = fingerprint(f, directory);
            Entry earlier = entries.get(print);
            entries.put(print, earlier != null ? earlier.counted(earlier.count() + 1)
                    : new Entry(print, f.ruleId(), relative(f.file(), directory), f.resource(), f.path(), 1));
        }
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparing(Entry::file).thenComparing(e -> e.resource() == null ? "" : e.resource())
                .thenComparing(Entry::ruleId).thenComparing(Entry::path).thenComparing(Entry::fingerprint));
        try (Writer out = Files.newBufferedWriter(file)) {
            Json.PRETTY.writeValue(out, new Document(new Version(VERSION), sorted));
            out.write('\n');
        }
        return recorded;
    }

    private static boolean take(Map<String, Integer> remaining, String fingerprint) {
        Integer left = remaining.get(fingerprint);
        if (left == null || left <= 0) {
            return false;
        }
        remaining.put(fingerprint, left - 1);
        return true;
    }

    private static String fingerprint(Finding f, Path directory) {
        return Fingerprint.of(f, relative(f.file(), directory));
    }

    /** The file relative to the baseline's directory, with forward slashes; as given when it cannot be. */
    static String relative(String file, Path directory) {
        try {
            Path path = Path.of(file).toAbsolutePath().normalize();
            return directory.relativize(path).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) { // also InvalidPathException; relativize across drive roots
            return file.replace('\\', '/');
        }
    }

    private static Path directoryOf(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent != null ? parent : file.toAbsolutePath().getRoot();
    }

    /** The baseline file: its format version and one entry per fingerprint. */
    @JsonPropertyOrder({"version", "findings"})
    record Document(@JsonProperty(value = "version", required = true) Version version,
                    @JsonProperty(value = "findings", required = true) List<Entry> findings) {
        Document {
            if (findings == null) {
                throw new IllegalArgumentException("'findings' must be a list");
            }
            findings = List.copyOf(findings);
        }
    }

    /** The format version; any other than {@link #VERSION} is refused where it is read, with its line. */
    record Version(@JsonValue int number) {
        @JsonCreator
        static Version of(int number) {
            if (number != VERSION) {
                throw new IllegalArgumentException("unsupported baseline version " + number
                        + " (this version of portcullis reads version " + VERSION + ")");
            }
            return new Version(number);
        }
    }

    /**
     * One accepted fingerprint; the rule, file, resource and property path are there for people reading the file
     * (the fingerprint alone decides), {@code count} how many findings share the fingerprint.
     */
    @JsonPropertyOrder({"fingerprint", "ruleId", "file", "resource", "path", "count"})
    record Entry(@JsonProperty(value = "fingerprint", required = true) String fingerprint,
                 String ruleId,
                 String file,
                 @JsonInclude(JsonInclude.Include.ALWAYS) String resource,
                 String path,
                 @JsonProperty(value = "count", defaultValue = "1") Integer count) {
        Entry {
            if (fingerprint == null || !FINGERPRINT.matcher(fingerprint).matches()) {
                throw new IllegalArgumentException("an entry's 'fingerprint' must be 64 lower-case hex digits, not "
                        + (fingerprint == null ? "missing" : "'" + fingerprint + "'"));
            }
            count = count == null ? 1 : count;
            if (count < 1) {
                throw new IllegalArgumentException("an entry's 'count' must be at least 1, not " + count);
            }
        }

        Entry counted(int n) {
            return new Entry(fingerprint, ruleId, file, resource, path, n);
        }
    }
}
