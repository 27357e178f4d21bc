package dev.portcullis.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A jar that starts this build's CLI ({@code java -jar}) from the test class path, through its manifest's
 * {@code Class-Path}: it stands in for the shaded {@code portcullis.jar} (built only at {@code package}, after the
 * tests) when a test runs a script that launches the jar, such as the GitHub Action's scan step or the launcher.
 */
final class LauncherJar {

    private LauncherJar() {
    }

    static Path write(Path jar) throws IOException {
        // Surefire runs the tests from a manifest-only jar; the real class path is in this property.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toAbsolutePath().toUri().toString());
            }
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        main.put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            j.flush();
        }
        return jar;
    }

    /** The {@code java} of the JVM running the tests. */
    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
