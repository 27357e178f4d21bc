package dev.portcullis.response.flowlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A VPC flow-log record format: the field names of an AWS {@code LogFormat} string such as
 * {@code ${version} ${interface-id} ${srcaddr} ...}, in order. Records delivered to CloudWatch Logs carry no header,
 * so a record is matched to the format with its number of fields; configured formats must therefore differ in
 * field count from each other and from the two built-in ones ({@link #DEFAULT}: 14, {@link #PORTCULLIS}: 20).
 */
public record FlowLogFormat(String text, List<String> fields) {

    /** Every field AWS documents for flow-log records (versions 2 to 8). */
    public static final Set<String> KNOWN_FIELDS = Set.of("version", "account-id", "interface-id", "srcaddr",
            "dstaddr", "srcport", "dstport", "protocol", "packets", "bytes", "start", "end", "action", "log-status",
            "vpc-id", "subnet-id", "instance-id", "tcp-flags", "type", "pkt-srcaddr", "pkt-dstaddr", "region",
            "az-id", "sublocation-type", "sublocation-id", "pkt-src-aws-service", "pkt-dst-aws-service",
            "flow-direction", "traffic-path", "ecs-cluster-arn", "ecs-cluster-name", "ecs-container-instance-arn",
            "ecs-container-instance-id", "ecs-container-id", "ecs-second-container-id", "ecs-service-name",
            "ecs-task-definition-arn", "ecs-task-arn", "ecs-task-id", "reject-reason", "resource-id",
            "encryption-status");
    /** What the kill switch cannot work without. */
    public static final List<String> REQUIRED_FIELDS = List.of("interface-id", "srcaddr", "dstaddr", "action");

    private static final Pattern FIELD = Pattern.compile("\\$\\{([a-z0-9-]+)}");

    /** The default format of VPC flow logs (version 2). */
    public static final FlowLogFormat DEFAULT = parse("${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} "
            + "${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}");

    /**
     * The format of the flow logs the stack creates: the default fields plus those that make direction and the
     * original packet addresses explicit ({@code flow-direction}, {@code pkt-srcaddr}, {@code pkt-dstaddr},
     * {@code tcp-flags}), so that "our instance started this" need not be inferred.
     */
    public static final FlowLogFormat PORTCULLIS = parse("${version} ${account-id} ${interface-id} ${srcaddr} "
            + "${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} "
            + "${log-status} ${vpc-id} ${instance-id} ${tcp-flags} ${pkt-srcaddr} ${pkt-dstaddr} ${flow-direction}");

    public FlowLogFormat {
        fields = List.copyOf(fields);
    }

    /**
     * Reads a LogFormat string: {@code ${field}} names separated by spaces, each a documented field, none twice,
     * and the {@link #REQUIRED_FIELDS} present.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static FlowLogFormat parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a flow-log format must name fields, e.g. ${version} ${srcaddr} ...");
        }
        List<String> fields = new ArrayList<>();
        for (String token : text.trim().split("\\s+")) {
            Matcher matcher = FIELD.matcher(token);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("'" + token + "' is not a ${field-name} of a flow-log format");
            }
            String name = matcher.group(1);
            if (!KNOWN_FIELDS.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is not a flow-log field");
            }
            if (fields.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' appears twice in the format");
            }
            fields.add(name);
        }
        List<String> missing = REQUIRED_FIELDS.stream().filter(f -> !fields.contains(f)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the format lacks " + String.join(", ", missing)
                    + ", which the kill switch needs");
        }
        return new FlowLogFormat(String.join(" ", text.trim().split("\\s+")), fields);
    }

    public boolean has(String field) {
        return fields.contains(field);
    }

    @Override
    public String toString() {
        return text;
    }
}
