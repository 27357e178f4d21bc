package dev.portcullis.report;

import java.io.IOException;
import java.io.Writer;

import dev.portcullis.model.CheckResult;

/** Writes a check result in one output format. The writer is flushed, never closed. */
public interface Reporter {

    void write(CheckResult result, Writer out) throws IOException;
}
