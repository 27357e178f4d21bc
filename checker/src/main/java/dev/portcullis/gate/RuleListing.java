package dev.portcullis.gate;

import java.util.List;

import dev.portcullis.catalog.Rule;
import dev.portcullis.model.InputError;

/** Rules as a check would run them (a pack's selection with its severities, plus users' rules), and load problems. */
public record RuleListing(List<Rule> rules, List<InputError> errors) {

    public RuleListing {
        rules = List.copyOf(rules);
        errors = List.copyOf(errors);
    }
}
