package dev.portcullis.gate;

import java.util.List;

import dev.portcullis.catalog.Catalog;

/**
 * The rule choices of a check: directories of users' own rules ({@code --rules}), the pack ({@code --pack}), and
 * rules switched on or off by id ({@code --enable}, {@code --disable}).
 */
public record RuleOptions(List<String> rulesDirs, String pack, List<String> enable, List<String> disable) {

    public static final RuleOptions DEFAULT = new RuleOptions(List.of(), Catalog.DEFAULT_PACK, List.of(), List.of());

    public RuleOptions {
        rulesDirs = List.copyOf(rulesDirs);
        pack = pack == null ? Catalog.DEFAULT_PACK : pack;
        enable = List.copyOf(enable);
        disable = List.copyOf(disable);
    }
}
