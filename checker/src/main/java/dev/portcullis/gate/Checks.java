package dev.portcullis.gate;

import java.util.List;

import dev.portcullis.engine.ResourceCheck;

/** The checks the gate runs by default. */
final class Checks {

    private Checks() {
    }

    static List<ResourceCheck> builtIn() {
        return List.of(); // property validation is wired in once it lands
    }
}
