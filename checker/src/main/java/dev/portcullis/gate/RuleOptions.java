package dev.portcullis.gate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.portcullis.catalog.Catalog;
import dev.portcullis.model.Severity;

/**
 * The rule choices of a check: directories of users' own rules ({@code --rules}), the pack ({@code --pack}), rules
 * switched on or off by id ({@code --enable}, {@code --disable}), and severity overrides by rule id (from the project
 * configuration), which win over the rule's and the pack's.
 */
public record RuleOptions(List<String> rulesDirs, String pack, List<String> enable, List<String> disable,
                          Map<String, Severity> severities) {

    public static final RuleOptions DEFAULT = new RuleOptions(List.of(), Catalog.DEFAULT_PACK, List.of(), List.of());

    public RuleOptions {
        rulesDirs = List.copyOf(rulesDirs);
        pack = pack == null ? Catalog.DEFAULT_PACK : pack;
        enable = List.copyOf(enable);
        disable = List.copyOf(disable);
        severities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(severities));
    }

    /** Choices without severity overrides. */
    public RuleOptions(List<String> rulesDirs, String pack, List<String> enable, List<String> disable) {
        this(rulesDirs, pack, enable, disable, Map.of());
    }
}
