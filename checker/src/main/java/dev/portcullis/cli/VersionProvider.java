package dev.portcullis.cli;

import dev.portcullis.gate.PortcullisVersion;
import picocli.CommandLine.IVersionProvider;

/** The version shown by {@code --version}. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"portcullis " + version()};
    }

    static String version() {
        return PortcullisVersion.current();
    }
}
