package dev.portcullis.gate;

/** Told about each file as the gate reaches it; the CLI shows it on a terminal when many files are scanned. */
@FunctionalInterface
public interface Progress {

    Progress NONE = (index, total, file) -> { };

    void file(int index, int total, String file);
}
