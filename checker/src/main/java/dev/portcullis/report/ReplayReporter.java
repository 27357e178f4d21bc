package dev.portcullis.report;

import java.io.IOException;
import java.io.Writer;

import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.events.ReplayResult;

/**
 * Writes the plan of {@code portcullis replay} in one output format. The configuration is what the plan was decided
 * under, so a reader can tell why an address was or was not blocked. The writer is flushed, never closed.
 */
public interface ReplayReporter {

    void write(ReplayResult result, ResponseConfig config, Writer out) throws IOException;

    /** The reporter for text or JSON, the two forms a plan has. */
    static ReplayReporter of(ReportFormat format) {
        if (format == ReportFormat.JSON) {
            return new ReplayJsonReporter();
        }
        if (format == ReportFormat.TEXT) {
            return new ReplayTextReporter();
        }
        throw new IllegalArgumentException("replay has no " + format.label() + " form");
    }
}
