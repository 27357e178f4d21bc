package dev.portcullis.gate;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.regex.PatternSyntaxException;

/**
 * A glob over paths relative to the project configuration's directory ({@code infra/**}, {@code *.yaml}), as Java's
 * {@code glob:} syntax has it: {@code *} stays within a directory, {@code **} crosses directories.
 */
final class PathGlob {

    private final String pattern;
    private final PathMatcher matcher;

    private PathGlob(String pattern, PathMatcher matcher) {
        this.pattern = pattern;
        this.matcher = matcher;
    }

    /** @throws IllegalArgumentException when the pattern is not a valid glob, with a message for the user */
    static PathGlob of(String pattern) {
        try {
            return new PathGlob(pattern, FileSystems.getDefault().getPathMatcher("glob:" + pattern));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + pattern + "' is not a valid glob: " + e.getDescription(), e);
        }
    }

    boolean matches(Path relative) {
        return matcher.matches(relative);
    }

    @Override
    public String toString() {
        return pattern;
    }
}
