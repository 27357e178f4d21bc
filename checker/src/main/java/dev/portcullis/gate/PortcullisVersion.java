package dev.portcullis.gate;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of this build of Portcullis, for everything that reports it (the CLI's {@code --version}, SARIF's
 * tool driver, the CDK validation plugin): from a resource Maven fills in at build time, or else from the jar
 * manifest, so it is right both in the shaded jar and when classes run from a build directory.
 */
public final class PortcullisVersion {

    /** Written by the checker module's filtered resources (it lived beside the CLI first, and stays there). */
    private static final String RESOURCE = "/dev/portcullis/cli/version.properties";

    private PortcullisVersion() {
    }

    /** The version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown} when neither source has it. */
    public static String current() {
        try (InputStream in = PortcullisVersion.class.getResourceAsStream(RESOURCE)) {
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
        String fromManifest = PortcullisVersion.class.getPackage().getImplementationVersion();
        return fromManifest != null ? fromManifest : "unknown";
    }
}
