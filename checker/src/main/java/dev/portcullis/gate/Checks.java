package dev.portcullis.gate;

import java.util.List;

import dev.portcullis.checks.schema.PropertyValidation;
import dev.portcullis.engine.ResourceCheck;

/** The checks the gate runs by default. */
final class Checks {

    private Checks() {
    }

    static List<ResourceCheck> builtIn() {
        return List.of(new PropertyValidation());
    }
}
