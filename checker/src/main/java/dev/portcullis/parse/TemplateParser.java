package dev.portcullis.parse;

import java.nio.file.Path;

import dev.portcullis.model.InputException;
import dev.portcullis.model.Template;

/**
 * Reads a JSON or YAML CloudFormation template into the typed tree, with positions.
 * (Interface fixed here; implementation in progress.)
 */
public final class TemplateParser {

    /** Files larger than this are rejected (CloudFormation's own limit is 1 MB). */
    public static final long MAX_BYTES = 16L * 1024 * 1024;

    /** Parses a file; {@code displayName} is how the file is named in positions and errors. */
    public Template parse(Path file, String displayName) throws InputException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Parses in-memory content; the format is chosen by content (JSON if it starts with '{' or '['). */
    public Template parse(String displayName, byte[] content) throws InputException {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
