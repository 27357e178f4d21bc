package dev.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What the CLI reads from the process environment. */
class EnvironmentTest {

    @Test
    void portcullisTodaySetsTheDayWaiversAreJudgedOn() {
        Environment set = Environment.of(Map.of("PORTCULLIS_TODAY", "2026-11-24"), false);
        assertEquals(LocalDate.of(2026, 11, 24), set.today());
        assertEquals(LocalDate.of(2026, 11, 24), LocalDate.now(set.clock()));

        Environment unset = Environment.of(Map.of(), false);
        assertNull(unset.today());
        assertNull(Environment.of(Map.of("PORTCULLIS_TODAY", ""), false).today());
    }

    @Test
    void aTodayThatIsNotADateIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Environment.of(Map.of("PORTCULLIS_TODAY", "yesterday"), false));
        assertEquals("PORTCULLIS_TODAY: expected a date like 2026-11-24 but was 'yesterday'", e.getMessage());
    }

    @Test
    void noColorCountsWhenNotEmpty() {
        assertEquals(true, Environment.of(Map.of("NO_COLOR", "1"), true).noColor());
        assertEquals(false, Environment.of(Map.of("NO_COLOR", ""), true).noColor());
    }
}
