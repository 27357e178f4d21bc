package dev.portcullis.gate;

import java.util.List;

import dev.portcullis.model.InputError;

/**
 * The project configuration or the waiver file cannot be used: each problem names the file and, where there is
 * one, the line. A check does not run on a configuration it could not read (exit 3).
 */
public final class ConfigException extends RuntimeException {

    private final transient List<InputError> errors;

    public ConfigException(List<InputError> errors) {
        super(errors.isEmpty() ? "invalid configuration" : errors.get(0).oneLine());
        this.errors = List.copyOf(errors);
    }

    public List<InputError> errors() {
        return errors;
    }
}
