package dev.portcullis.report;

import java.io.IOException;
import java.io.Writer;

import dev.portcullis.model.CheckResult;

/** Writes the result as one JSON document (see {@link JsonReport} for the shape), ending with a newline. */
public final class JsonReporter implements Reporter {

    @Override
    public void write(CheckResult result, Writer out) throws IOException {
        Json.PRETTY.writeValue(out, JsonReport.of(result));
        out.write('\n');
        out.flush();
    }
}
