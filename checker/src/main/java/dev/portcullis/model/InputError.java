package dev.portcullis.model;

/**
 * An input that could not be evaluated. {@code line} is null when no line applies (e.g. a missing file).
 * {@code internal} marks a bug in Portcullis itself (exit 4) rather than bad input (exit 3).
 */
public record InputError(String file, Integer line, String message, boolean internal) {

    public InputError(String file, Integer line, String message) {
        this(file, line, message, false);
    }

    /** The one-line form used on the terminal: {@code file:line: message}. */
    public String oneLine() {
        return file + (line != null ? ":" + line : "") + ": " + message;
    }
}
