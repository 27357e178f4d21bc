package dev.portcullis.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.portcullis.catalog.Rule;
import dev.portcullis.gate.CheckRequest;
import dev.portcullis.gate.Gate;
import dev.portcullis.gate.Progress;
import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.model.Severity;
import dev.portcullis.resolve.Inputs;
import org.junit.jupiter.api.Test;

/**
 * Keeps the counts of {@code docs/false-positive-review.md} reproducible: runs the default pack over the AWS sample
 * templates of the shared corpus (one file of each JSON/YAML twin, the YAML one) and compares the per-rule finding
 * counts with the page's generated section; {@code -Dportcullis.regenerateDocs=true} rewrites it.
 */
class FalsePositiveReviewTest {

    private static final String PAGE = "false-positive-review.md";
    private static final String COUNTS = "counts";

    @Test
    void theFindingCountsOnTheAwsSamplesAreCurrent() throws IOException {
        String shared = System.getProperty("portcullis.shared");
        assumeTrue(shared != null, "portcullis.shared is not set");
        Path corpus = Path.of(shared, "corpus", "aws-cloudformation-templates");
        assumeTrue(Files.isDirectory(corpus), "AWS sample templates not available");

        List<String> files = oneOfEachTwin(corpus);
        Gate gate = new Gate();
        CheckResult result = gate.check(new CheckRequest(files, Inputs.NONE), Progress.NONE);
        Map<String, Rule> catalog = new TreeMap<>();
        for (Rule r : gate.catalog(List.of()).rules()) {
            catalog.put(r.id(), r);
        }

        GeneratedDoc doc = GeneratedDoc.of(PAGE);
        String problem = doc.update(COUNTS, counts(corpus, files.size(), result, catalog));
        if (doc.writeIfRegenerating()) {
            problem = null;
        }
        assertEquals(null, problem);
    }

    /** The templates to check: every sample, but of a JSON and a YAML file with the same base name only the YAML one. */
    static List<String> oneOfEachTwin(Path corpus) throws IOException {
        Set<String> yamlBases = new TreeSet<>();
        List<Path> all;
        try (Stream<Path> walk = Files.walk(corpus)) {
            all = walk.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(json|ya?ml)$")).sorted()
                    .toList();
        }
        for (Path p : all) {
            if (!p.toString().endsWith(".json")) {
                yamlBases.add(base(p));
            }
        }
        List<String> out = new ArrayList<>();
        for (Path p : all) {
            if (!p.toString().endsWith(".json") || !yamlBases.contains(base(p))) {
                out.add(p.toString());
            }
        }
        return out;
    }

    private static String base(Path p) {
        String s = p.toString();
        return s.substring(0, s.lastIndexOf('.'));
    }

    private static String counts(Path corpus, int fileCount, CheckResult result, Map<String, Rule> catalog) {
        Map<String, Integer> findings = new TreeMap<>();
        Map<String, Set<String>> templates = new TreeMap<>();
        int notes = 0;
        for (Finding f : result.findings()) {
            if (!catalog.containsKey(f.ruleId())) {
                notes++;
                continue;
            }
            findings.merge(f.ruleId(), 1, Integer::sum);
            templates.computeIfAbsent(f.ruleId(), k -> new TreeSet<>()).add(f.file());
        }
        int total = findings.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder out = new StringBuilder();
        out.append(String.format("%d template files checked (%d evaluated, %d rejected as input errors); "
                        + "%d findings from %d rules (%d engine notes not counted).%n%n",
                fileCount, result.summary().templates(), result.errors().size(), total, findings.size(), notes));
        out.append("| rule | severity | findings | templates |\n| --- | --- | ---: | ---: |\n");
        List<Map.Entry<String, Integer>> rows = new ArrayList<>(findings.entrySet());
        rows.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, Integer> e : rows) {
            Severity severity = catalog.get(e.getKey()).severity();
            out.append("| ").append(e.getKey()).append(" | ").append(severity.label()).append(" | ")
                    .append(e.getValue()).append(" | ").append(templates.get(e.getKey()).size()).append(" |\n");
        }
        List<String> rejected = new ArrayList<>();
        result.errors().forEach(err -> rejected.add(corpus.relativize(Path.of(err.file())).toString()));
        if (!rejected.isEmpty()) {
            out.append("\nNot evaluated (input errors, e.g. unpackaged Rain sources): ")
                    .append(String.join(", ", rejected.stream().sorted().map(r -> "`" + r + "`").toList()))
                    .append(".\n");
        }
        return out.toString();
    }
}
