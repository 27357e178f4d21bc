package dev.portcullis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.BitSet;
import java.util.List;
import java.util.Map;

import dev.portcullis.resolve.Scenario;
import org.junit.jupiter.api.Test;

class ScenarioLabelTest {

    private static final List<Scenario> FOUR = List.of(
            new Scenario(Map.of("IsProd", true, "UseKms", true)),
            new Scenario(Map.of("IsProd", true, "UseKms", false)),
            new Scenario(Map.of("IsProd", false, "UseKms", true)),
            new Scenario(Map.of("IsProd", false, "UseKms", false)));

    private static BitSet bits(int... indices) {
        BitSet b = new BitSet();
        for (int i : indices) {
            b.set(i);
        }
        return b;
    }

    @Test
    void holdingEverywhereNeedsNoLabel() {
        assertNull(ScenarioLabel.describe(bits(0, 1, 2, 3), FOUR));
        assertNull(ScenarioLabel.describe(bits(0), List.of(Scenario.NONE)));
    }

    @Test
    void aSharedAssumptionThatSelectsExactlyTheScenariosIsUsed() {
        assertEquals("IsProd=false", ScenarioLabel.describe(bits(2, 3), FOUR));
        assertEquals("UseKms=true", ScenarioLabel.describe(bits(0, 2), FOUR));
        assertEquals("IsProd=true, UseKms=false", ScenarioLabel.describe(bits(1), FOUR));
    }

    @Test
    void otherwiseTheScenariosAreListed() {
        assertEquals("(IsProd=true, UseKms=true) or (IsProd=false, UseKms=false)",
                ScenarioLabel.describe(bits(0, 3), FOUR));
    }

    @Test
    void aConjunctionThatAlsoSelectsOtherScenariosIsNotUsed() {
        // Infeasible scenarios were removed, so IsProd=true alone would wrongly include index 0 here.
        List<Scenario> three = List.of(FOUR.get(0), FOUR.get(1), FOUR.get(3));
        assertEquals("IsProd=true, UseKms=false", ScenarioLabel.describe(bits(1), three));
        assertEquals("UseKms=false", ScenarioLabel.describe(bits(1, 2), three));
    }
}
