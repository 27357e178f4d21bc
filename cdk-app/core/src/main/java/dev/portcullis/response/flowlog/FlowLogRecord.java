package dev.portcullis.response.flowlog;

import dev.portcullis.response.net.IpAddress;

import java.util.Map;
import java.util.Optional;

/**
 * One flow-log record read with its format: field name to value, {@code -} (no value) left out.
 *
 * @param raw the record as it was delivered, for notifications and evidence
 */
public record FlowLogRecord(Map<String, String> fields, String raw, FlowLogFormat format) {

    public FlowLogRecord {
        fields = Map.copyOf(fields);
    }

    public Optional<String> get(String field) {
        return Optional.ofNullable(fields.get(field));
    }

    public String interfaceId() {
        return fields.get("interface-id");
    }

    public Optional<IpAddress> address(String field) {
        return get(field).flatMap(IpAddress::parse);
    }

    public Optional<Integer> number(String field) {
        return get(field).flatMap(text -> {
            try {
                return Optional.of(Integer.parseInt(text));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    public boolean rejected() {
        return "REJECT".equals(fields.get("action"));
    }

    public boolean accepted() {
        return "ACCEPT".equals(fields.get("action"));
    }
}
