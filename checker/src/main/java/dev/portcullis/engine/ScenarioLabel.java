package dev.portcullis.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import dev.portcullis.resolve.Scenario;

/**
 * Describes the scenarios a finding holds in, as briefly as is still exact: {@code null} when it holds in all,
 * a single conjunction such as {@code IsProd=false} when that picks out exactly those scenarios, else the
 * scenarios listed with "or".
 */
final class ScenarioLabel {

    private ScenarioLabel() {
    }

    static String describe(BitSet holds, List<Scenario> all) {
        if (holds.cardinality() == all.size()) {
            return null;
        }
        List<Scenario> matching = new ArrayList<>();
        holds.stream().forEach(i -> matching.add(all.get(i)));
        if (matching.size() == 1 && matching.get(0).isEmpty()) {
            return null;
        }
        // Assumptions shared by every scenario the finding holds in.
        Map<String, Boolean> common = new LinkedHashMap<>(matching.get(0).assumptions());
        for (Scenario s : matching) {
            common.entrySet().removeIf(e -> !e.getValue().equals(s.assumed(e.getKey())));
        }
        if (!common.isEmpty()) {
            int selected = 0;
            for (Scenario s : all) {
                boolean fits = common.entrySet().stream().allMatch(e -> e.getValue().equals(s.assumed(e.getKey())));
                if (fits) {
                    selected++;
                }
            }
            if (selected == matching.size()) {
                return new Scenario(common).describe();
            }
        }
        StringJoiner j = new StringJoiner(" or ");
        for (Scenario s : matching) {
            j.add("(" + s.describe() + ")");
        }
        return j.toString();
    }
}
