package dev.portcullis.gate;

import java.nio.file.Path;
import java.util.Map;

/**
 * One stack artifact of a cloud assembly, ready to check: its template, the directory its asset paths are relative
 * to (nested stack templates are assets), and its construct metadata.
 *
 * @param root            the outermost assembly directory: no file outside it is read
 * @param directory       the assembly directory that holds this stack (a Stage's nested assembly, or the root)
 * @param displayDirectory {@code directory} as findings name it (the path the user gave, then the nested names)
 * @param templateFile    the template file name, relative to {@code directory}
 * @param artifact        the artifact as people know it: its display name (e.g. {@code Prod/NetworkStack}) or id
 * @param parameters      parameter values the manifest records for the deployment
 */
record AssemblyStack(Path root, Path directory, String displayDirectory, String templateFile, String artifact,
                     Map<String, String> parameters, ConstructSources sources) {

    AssemblyStack {
        parameters = Map.copyOf(parameters);
    }

    Path template() {
        return directory.resolve(templateFile).normalize();
    }

    /** How findings and errors name a file of this stack's assembly directory. */
    String display(String fileName) {
        return join(displayDirectory, fileName);
    }

    /** {@code directory/name}, or just {@code name} in the working directory. */
    static String join(String directory, String name) {
        return directory.equals(".") ? name : directory + "/" + name;
    }

    /** True when {@code file} is inside the outermost assembly directory. */
    boolean contains(Path file) {
        return file.normalize().startsWith(root);
    }
}
