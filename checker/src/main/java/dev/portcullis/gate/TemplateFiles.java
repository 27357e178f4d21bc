package dev.portcullis.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Narrows a list of paths to those worth checking, for callers that name files they did not pick themselves
 * (a pre-commit hook passes every changed {@code .json}/{@code .yaml}, templates or not). A named file is kept
 * when a directory scan would have picked it: a template extension and a top-level {@code Resources} or
 * {@code AWSTemplateFormatVersion} key. Directories, missing paths and files that cannot be read are kept, so the
 * check still reports them: nothing unreadable becomes a pass.
 */
public final class TemplateFiles {

    private TemplateFiles() {
    }

    /** The paths without the named files that are not CloudFormation templates, in the given order. */
    public static List<String> withoutNonTemplates(List<String> paths) {
        List<String> kept = new ArrayList<>(paths.size());
        for (String given : paths) {
            if (!isNonTemplateFile(given)) {
                kept.add(given);
            }
        }
        return kept;
    }

    private static boolean isNonTemplateFile(String given) {
        Path path;
        try {
            path = Path.of(given);
        } catch (InvalidPathException e) {
            return false;
        }
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try {
            return !(TemplateDiscovery.hasTemplateExtension(path) && TemplateDiscovery.looksLikeTemplate(path));
        } catch (IOException e) {
            return false;
        }
    }
}
