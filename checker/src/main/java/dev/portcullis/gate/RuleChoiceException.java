package dev.portcullis.gate;

/**
 * The user named a rule pack or rule id that does not exist ({@code --pack}, {@code --enable}, {@code --disable}):
 * a usage error (exit 2), raised before any template is read.
 */
public final class RuleChoiceException extends RuntimeException {

    public RuleChoiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
