package dev.portcullis.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * cfn_nag's rules and spec expectations as the shared corpus records them ({@code rules.tsv},
 * {@code expectations.tsv}; columns described in the corpus README).
 */
record CfnNagCorpus(Path root, Map<String, CfnNagRule> rules, List<Expectation> expectations) {

    /** One cfn_nag rule: its id and the resource types whose logical ids it reports ({@code *} = any). */
    record CfnNagRule(String id, Set<String> resourceTypes, String message) {

        boolean reports(String type) {
            return resourceTypes.contains("*") || resourceTypes.contains(type);
        }
    }

    /**
     * One expected result of a cfn_nag spec: the rule reported exactly {@code flagged} on {@code template} (an
     * empty set for the spec's {@code none}).
     */
    record Expectation(String template, String ruleId, Set<String> flagged, String scope, String inputs, String spec) {

        boolean ruleScope() {
            return "rule".equals(scope);
        }
    }

    /** The cfn_nag folder of the shared corpus; the calling test is skipped when it is not there. */
    static CfnNagCorpus load() {
        String shared = System.getProperty("portcullis.shared");
        assumeTrue(shared != null, "portcullis.shared is not set");
        Path root = Path.of(shared, "corpus", "cfn-nag");
        assumeTrue(Files.isRegularFile(root.resolve("expectations.tsv")), "cfn_nag corpus not available");
        Map<String, CfnNagRule> rules = new LinkedHashMap<>();
        for (String[] row : rows(root.resolve("rules.tsv"), 6)) {
            rules.put(row[0], new CfnNagRule(row[0], Set.of(row[2].split(",")), row[3]));
        }
        List<Expectation> expectations = new ArrayList<>();
        for (String[] row : rows(root.resolve("expectations.tsv"), 7)) {
            Set<String> flagged = new LinkedHashSet<>();
            if (!row[2].equals("none") && !row[2].equals("-")) {
                flagged.addAll(List.of(row[2].split(",")));
            }
            expectations.add(new Expectation(row[0], row[1], Set.copyOf(flagged), row[3], row[4], row[5]));
        }
        return new CfnNagCorpus(root, Map.copyOf(rules), List.copyOf(expectations));
    }

    private static List<String[]> rows(Path tsv, int columns) {
        try {
            List<String> lines = Files.readAllLines(tsv);
            List<String[]> out = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length < columns) {
                    throw new IllegalStateException(tsv.getFileName() + ": expected " + columns + " columns: " + line);
                }
                out.add(cells);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
