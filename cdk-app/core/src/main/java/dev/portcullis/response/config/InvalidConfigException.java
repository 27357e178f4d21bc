package dev.portcullis.response.config;

import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in a response configuration, reported together so one fix round is enough. */
public final class InvalidConfigException extends RuntimeException {

    private final List<ConfigError> errors;

    public InvalidConfigException(String source, List<ConfigError> errors) {
        super("invalid response configuration" + (source.isEmpty() ? "" : " in " + source) + ":"
                + errors.stream().map(e -> "\n  " + e).collect(Collectors.joining()));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
