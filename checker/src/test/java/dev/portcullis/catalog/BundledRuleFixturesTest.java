package dev.portcullis.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every bundled rule against its annotated fixture: one dynamic test per rule, so a failure names the rule and
 * lists the lines that differ.
 */
class BundledRuleFixturesTest {

    @TestFactory
    Stream<DynamicTest> everyRulePassesItsFixture() {
        Catalog catalog = TestCatalog.bundled();
        assertEquals(java.util.List.of(), catalog.errors(), "the bundled catalog loads cleanly");
        assertTrue(!catalog.rules().isEmpty(), "the bundled catalog has rules");
        return catalog.rules().stream().map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
            FixtureOutcome outcome = FixtureRunner.run(rule);
            assertTrue(outcome.passed(), () -> outcome.fixture() + ":\n  " + String.join("\n  ", outcome.problems()));
        }));
    }
}
