package dev.portcullis.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which rules a check runs: a pack's rules, plus every rule added from a users' directory, plus rules enabled by
 * id, minus rules disabled by id. Naming a pack or rule that does not exist is the user's mistake, reported as an
 * {@link IllegalArgumentException} with a message for them.
 */
public record Selection(String pack, List<String> enable, List<String> disable) {

    public static final Selection DEFAULT = new Selection(Catalog.DEFAULT_PACK, List.of(), List.of());

    public Selection {
        pack = pack == null ? Catalog.DEFAULT_PACK : pack;
        enable = List.copyOf(enable);
        disable = List.copyOf(disable);
    }

    public List<Rule> apply(Catalog catalog) {
        Pack p = catalog.pack(pack).orElseThrow(() -> new IllegalArgumentException("no rule pack '" + pack
                + "' (known: " + String.join(", ", catalog.packs().keySet()) + ")"));
        for (String id : enable) {
            requireRule(catalog, id, "--enable");
        }
        for (String id : disable) {
            requireRule(catalog, id, "--disable");
        }
        Set<String> chosen = new LinkedHashSet<>();
        List<Rule> out = new ArrayList<>();
        for (Rule r : p.select(catalog.rules())) {
            chosen.add(r.id());
            out.add(r);
        }
        for (Rule r : catalog.rules()) {
            boolean wanted = !r.source().bundled() || enable.contains(r.id());
            if (wanted && chosen.add(r.id())) {
                out.add(r);
            }
        }
        out.removeIf(r -> disable.contains(r.id()));
        return out;
    }

    private static void requireRule(Catalog catalog, String id, String option) {
        if (catalog.rule(id).isEmpty()) {
            throw new IllegalArgumentException(option + ": no rule '" + id + "'");
        }
    }
}
