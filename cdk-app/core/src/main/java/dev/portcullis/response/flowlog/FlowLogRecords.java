package dev.portcullis.response.flowlog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads flow-log record lines with the formats a deployment knows, choosing each line's format by its number of
 * fields (records carry no header). A line no format fits is returned as unreadable with the reason, never guessed.
 */
public final class FlowLogRecords {

    private final Map<Integer, FlowLogFormat> byFieldCount = new HashMap<>();

    /** @throws IllegalArgumentException when two formats have the same number of fields (records would be ambiguous) */
    public FlowLogRecords(List<FlowLogFormat> formats) {
        for (FlowLogFormat format : formats) {
            FlowLogFormat previous = byFieldCount.putIfAbsent(format.fields().size(), format);
            if (previous != null && !previous.equals(format)) {
                throw new IllegalArgumentException("formats '" + previous + "' and '" + format + "' both have "
                        + format.fields().size() + " fields; records cannot tell them apart");
            }
        }
    }

    /** A line and what became of it: a record, or the reason it could not be read. */
    public record Line(String text, Optional<FlowLogRecord> record, String problem) {
    }

    public List<Line> read(List<String> lines) {
        List<Line> out = new ArrayList<>();
        for (String line : lines) {
            out.add(read(line));
        }
        return out;
    }

    public Line read(String line) {
        String[] tokens = line.trim().split("\\s+");
        FlowLogFormat format = byFieldCount.get(tokens.length);
        if (line.isBlank() || format == null) {
            return new Line(line, Optional.empty(), tokens.length + " fields: no configured flow-log format has that "
                    + "many (known: " + byFieldCount.keySet().stream().sorted().toList() + ")");
        }
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < tokens.length; i++) {
            if (!"-".equals(tokens[i])) {
                fields.put(format.fields().get(i), tokens[i]);
            }
        }
        return new Line(line, Optional.of(new FlowLogRecord(fields, line, format)), null);
    }
}
