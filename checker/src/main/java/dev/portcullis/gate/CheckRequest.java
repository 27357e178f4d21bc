package dev.portcullis.gate;

import java.util.List;

import dev.portcullis.resolve.Inputs;

/**
 * What to check: paths as the user wrote them (files or directories) and the deployment inputs.
 */
public record CheckRequest(List<String> paths, Inputs inputs) {

    public CheckRequest {
        paths = List.copyOf(paths);
    }
}
