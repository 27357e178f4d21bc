package dev.portcullis.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.portcullis.catalog.Catalog;
import dev.portcullis.gate.Gate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conformance with cfn_nag: for every cfn_nag rule one of our rules names as an equivalent, our rule(s) must flag
 * the same logical ids as cfn_nag's specs expect on at least 95% of that rule's expectation rows, unless every
 * disagreeing row is explained in {@code docs/conformance.md}. That page's agreement and disagreement tables are
 * generated here; the reasons in the disagreement table are written by hand and kept when it is regenerated.
 */
class CfnNagConformanceTest {

    static final double REQUIRED_PERCENT = 95.0;
    private static final String PAGE = "conformance.md";
    private static final String AGREEMENT = "agreement";
    private static final String DISAGREEMENTS = "disagreements";
    private static final int REASON_COLUMN = 5;

    private static List<CfnNagConformance.RuleAgreement> results;
    private static GeneratedDoc doc;
    private static Map<String, String> reasons;

    @BeforeAll
    static void run() {
        CfnNagCorpus corpus = CfnNagCorpus.load();
        Catalog catalog = new Gate().catalog(List.of());
        assertEquals(List.of(), catalog.errors(), "the bundled catalog loads");
        results = new CfnNagConformance(corpus, catalog.rules()).run();
        doc = GeneratedDoc.of(PAGE);
        reasons = new HashMap<>();
        for (List<String> row : GeneratedDoc.tableRows(doc.section(DISAGREEMENTS))) {
            if (row.size() > REASON_COLUMN && !row.get(REASON_COLUMN).isBlank()) {
                reasons.put(key(row.get(0), unquote(row.get(1)), unquote(row.get(2))), row.get(REASON_COLUMN));
            }
        }
    }

    @Test
    void someRulesAreMappedAndEachHasExpectationsToCompareWith() {
        assertFalse(results.isEmpty(), "no rule names a cfn_nag equivalent");
        // Rules no spec runs alone are compared on cfn_nag's complete-run specs instead, so none is left without rows.
        List<String> withoutRows = results.stream().filter(r -> r.compared() == 0).map(r -> r.cfnNag().id()).toList();
        assertEquals(List.of(), withoutRows, "mapped cfn_nag rules with no comparable expectation row");
    }

    @Test
    void everyMappedRuleAgreesOrItsDisagreementsAreExplained() {
        List<String> problems = new ArrayList<>();
        for (CfnNagConformance.RuleAgreement r : results) {
            if (r.percent() >= REQUIRED_PERCENT) {
                continue;
            }
            for (CfnNagConformance.RowOutcome row : r.disagreements()) {
                if (reason(row) == null) {
                    problems.add(String.format(Locale.ROOT, "%s (%s, %.1f%% agreement): %s%s expects %s, we flag %s%s",
                            r.cfnNag().id(), String.join(", ", r.ourRules()), r.percent(), row.expectation().template(),
                            inputsNote(row), ids(row.expectation().flagged()), ids(row.flagged()),
                            row.error() == null ? "" : " (rejected: " + row.error() + ")"));
                }
            }
        }
        assertEquals(List.of(), problems, "disagreements with cfn_nag below " + REQUIRED_PERCENT
                + "% agreement that docs/" + PAGE + " does not explain (add the reason in its disagreement table)");
    }

    @Test
    void theConformancePageIsCurrent() {
        List<String> stale = new ArrayList<>();
        String a = doc.update(AGREEMENT, agreementTable());
        String d = doc.update(DISAGREEMENTS, disagreementTable());
        if (a != null) {
            stale.add(a);
        }
        if (d != null) {
            stale.add(d);
        }
        if (doc.writeIfRegenerating()) {
            stale.removeIf(s -> s.contains("out of date"));
        }
        assertEquals(List.of(), stale);
        assertTrue(doc.text().contains("cfn_nag"));
    }

    @Test
    void conditionValuesKeepOnlyFindingsOfMatchingScenarios() {
        Map<String, Boolean> prodOff = Map.of("IsProd", false);
        assertTrue(CfnNagConformance.holdsUnder(null, prodOff), "holds in every scenario");
        assertTrue(CfnNagConformance.holdsUnder("IsProd=false", prodOff));
        assertFalse(CfnNagConformance.holdsUnder("IsProd=true", prodOff));
        assertTrue(CfnNagConformance.holdsUnder("IsProd=false, UseKms=true", prodOff), "other conditions are free");
        assertTrue(CfnNagConformance.holdsUnder("(IsProd=true, UseKms=true) or (IsProd=false, UseKms=false)", prodOff));
        assertFalse(CfnNagConformance.holdsUnder("(IsProd=true, UseKms=true) or (IsProd=true, UseKms=false)", prodOff));
        assertTrue(CfnNagConformance.holdsUnder("IsProd=true", Map.of()), "no condition values: every finding counts");
    }

    @Test
    void generatedSectionsAreReplacedAndReportedWhenStale() {
        GeneratedDoc page = GeneratedDoc.parse("# T\n\n<!-- generated: t -->\n| a | b |\n| --- | --- |\n| 1 | x \\| y |\n"
                + "<!-- end generated: t -->\ntail\n");
        assertEquals(List.of(List.of("a", "b"), List.of("1", "x | y")), GeneratedDoc.tableRows(page.section("t")));
        assertEquals(null, page.update("t", "| a | b |\n| --- | --- |\n| 1 | x \\| y |\n"));
        assertTrue(page.update("t", "new\n").contains("out of date"));
        assertEquals("# T\n\n<!-- generated: t -->\nnew\n<!-- end generated: t -->\ntail\n", page.text());
        assertTrue(page.update("missing", "x").contains("no section"));
    }

    private static String agreementTable() {
        int rows = 0;
        int agreeing = 0;
        int passing = 0;
        StringBuilder table = new StringBuilder();
        table.append("| cfn_nag rule | reports | our rule(s) | spec scope | rows | agreeing | agreement | disagreements explained |\n")
                .append("| --- | --- | --- | --- | ---: | ---: | ---: | ---: |\n");
        for (CfnNagConformance.RuleAgreement r : results) {
            rows += r.compared();
            agreeing += r.agreeing();
            long explained = r.disagreements().stream().filter(d -> reason(d) != null).count();
            if (r.percent() >= REQUIRED_PERCENT || explained == r.disagreements().size()) {
                passing++;
            }
            table.append("| ").append(r.cfnNag().id())
                    .append(" | ").append(GeneratedDoc.cell(String.join(", ", r.cfnNag().resourceTypes().stream().sorted().toList())))
                    .append(" | ").append(GeneratedDoc.cell(String.join(", ", r.ourRules())))
                    .append(" | ").append(r.rows().isEmpty() ? "-" : r.rows().get(0).expectation().scope())
                    .append(" | ").append(r.compared())
                    .append(" | ").append(r.agreeing())
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f%%", Math.floor(r.percent())))
                    .append(" | ").append(r.disagreements().isEmpty() ? "-" : explained + " of " + r.disagreements().size())
                    .append(" |\n");
        }
        return String.format(Locale.ROOT, "%d cfn_nag rules are named as equivalents by our rules; %d expectation rows "
                        + "compared, %d agree (%.1f%%); %d of %d rules reach %.0f%% or have every disagreement explained.\n\n",
                results.size(), rows, agreeing, rows == 0 ? 100.0 : 100.0 * agreeing / rows, passing, results.size(),
                REQUIRED_PERCENT) + table;
    }

    private static String disagreementTable() {
        StringBuilder table = new StringBuilder();
        table.append("| cfn_nag rule | template | inputs | cfn_nag flags | we flag | reason |\n")
                .append("| --- | --- | --- | --- | --- | --- |\n");
        for (CfnNagConformance.RuleAgreement r : results) {
            for (CfnNagConformance.RowOutcome row : r.disagreements()) {
                String reason = reason(row);
                table.append("| ").append(r.cfnNag().id())
                        .append(" | `").append(row.expectation().template()).append('`')
                        .append(" | ").append(row.expectation().inputs().equals("-") ? "-"
                                : "`" + GeneratedDoc.cell(row.expectation().inputs()) + "`")
                        .append(" | ").append(GeneratedDoc.cell(ids(row.expectation().flagged())))
                        .append(" | ").append(GeneratedDoc.cell(row.error() == null ? ids(row.flagged())
                                : "(rejected: " + row.error() + ")"))
                        .append(" | ").append(reason == null ? "" : GeneratedDoc.cell(reason))
                        .append(" |\n");
            }
        }
        return table.toString();
    }

    private static String reason(CfnNagConformance.RowOutcome row) {
        return reasons.get(key(row.expectation().ruleId(), row.expectation().template(), row.expectation().inputs()));
    }

    private static String key(String cfnNagId, String template, String inputs) {
        return cfnNagId + "\u0000" + template + "\u0000" + inputs;
    }

    private static String unquote(String cell) {
        return cell.startsWith("`") && cell.endsWith("`") && cell.length() >= 2 ? cell.substring(1, cell.length() - 1) : cell;
    }

    private static String ids(Set<String> ids) {
        return ids.isEmpty() ? "none" : String.join(", ", ids.stream().sorted().toList());
    }

    private static String inputsNote(CfnNagConformance.RowOutcome row) {
        return row.expectation().inputs().equals("-") ? "" : " [" + row.expectation().inputs() + "]";
    }
}
