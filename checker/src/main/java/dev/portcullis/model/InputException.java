package dev.portcullis.model;

/**
 * Raised when an input cannot be read or evaluated as a template. Always carries the file, and the
 * line when there is one, so the CLI can print a one-line error and exit 3 without a stack trace.
 */
public class InputException extends RuntimeException {

    private final String file;
    private final Integer line;

    public InputException(String file, Integer line, String message) {
        this(file, line, message, null);
    }

    public InputException(String file, Integer line, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
    }

    public InputException(Span span, String message) {
        this(span.file(), span.isSynthetic() ? null : span.line(), message, null);
    }

    public String file() {
        return file;
    }

    public Integer line() {
        return line;
    }

    public InputError toError() {
        return new InputError(file, line, getMessage());
    }
}
