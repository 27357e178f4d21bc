package dev.portcullis.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/**
 * The version shown by {@code --version}: from a resource Maven fills in at build time, or else from the
 * jar manifest, so it is right both in the shaded jar and when classes run from a build directory.
 */
final class VersionProvider implements IVersionProvider {

    private static final String RESOURCE = "/dev/portcullis/cli/version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"portcullis " + version()};
    }

    static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.contains("${")) {
                    return v.trim();
                }
            }
        } catch (IOException e) {
            // fall through to the manifest
        }
        String fromManifest = VersionProvider.class.getPackage().getImplementationVersion();
        return fromManifest != null ? fromManifest : "unknown";
    }
}
