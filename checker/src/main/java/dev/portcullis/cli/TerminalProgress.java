package dev.portcullis.cli;

import java.io.PrintStream;

import dev.portcullis.gate.Progress;

/**
 * A one-line counter on stderr, rewritten in place, for runs over many files on a terminal; silent for
 * small runs, where it would only flicker. The gate may report from several threads at once.
 */
final class TerminalProgress implements Progress {

    static final int MIN_FILES = 10;
    private static final int MAX_NAME = 60;

    private final PrintStream err;
    private boolean shown;

    TerminalProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized void file(int index, int total, String file) {
        if (total < MIN_FILES) {
            return;
        }
        String name = file.length() > MAX_NAME ? "…" + file.substring(file.length() - MAX_NAME + 1) : file;
        err.print("\r\u001b[K[" + index + "/" + total + "] " + name);
        err.flush();
        shown = true;
    }

    /** Clears the line so the report starts on a clean terminal. */
    synchronized void finish() {
        if (shown) {
            err.print("\r\u001b[K");
            err.flush();
            shown = false;
        }
    }
}
