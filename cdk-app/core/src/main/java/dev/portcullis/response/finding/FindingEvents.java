package dev.portcullis.response.finding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.response.ResponseJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads EventBridge events into {@link SecurityFinding}s: GuardDuty findings (camelCase) and Security Hub
 * "Findings - Imported" (ASFF, PascalCase, several findings per event). Every remote IP location is read, in both
 * forms. {@link #read} never throws: what it cannot read becomes an {@link EventProblem}. {@link #readStrict} is for
 * {@code portcullis replay}, where a malformed event is an error with its reasons.
 */
public final class FindingEvents {

    public static final String GUARDDUTY_SOURCE = "aws.guardduty";
    public static final String GUARDDUTY_DETAIL_TYPE = "GuardDuty Finding";
    public static final String SECURITY_HUB_SOURCE = "aws.securityhub";
    public static final String SECURITY_HUB_DETAIL_TYPE = "Security Hub Findings - Imported";
    /** Start of the problem reason for a well-formed event of a kind we do not read. */
    public static final String UNSUPPORTED_REASON = "unsupported event";

    /** ProductFields key of an ASFF GuardDuty finding that holds a remote IP (flattened from the camelCase form). */
    private static final Pattern PRODUCT_FIELD_IP = Pattern.compile(
            "aws/guardduty/service/action/([A-Za-z]+Action)/(?:[A-Za-z]+\\.\\d+_/)?remoteIpDetails/ipAddressV[46]");
    private static final String ASFF_ROLE = "aws/guardduty/service/resourceRole";
    private static final String ASFF_ARCHIVED = "aws/guardduty/service/archived";
    private static final String ASFF_PRODUCT_NAME = "aws/securityhub/ProductName";

    private FindingEvents() {
    }

    /** Lenient: never throws, whatever the text. */
    public static ParsedEvent read(String json) {
        JsonNode event;
        try {
            event = ResponseJson.mapper().readTree(json == null ? "" : json);
        } catch (Exception | StackOverflowError e) {
            return unsupported("", "not valid JSON: " + firstLine(e.getMessage()));
        }
        return read(event);
    }

    /** Lenient: never throws. */
    public static ParsedEvent read(JsonNode event) {
        try {
            return readEvent(event);
        } catch (RuntimeException | StackOverflowError e) {
            // Defensive: reading is written not to throw, but no handler may die on one event.
            return unsupported("", "unreadable event: " + e);
        }
    }

    /** Strict: the findings of a well-formed event, or every reason it is not one. */
    public static List<SecurityFinding> readStrict(String json) throws MalformedEventException {
        ParsedEvent parsed = read(json);
        if (!parsed.problems().isEmpty()) {
            throw new MalformedEventException(parsed.problems());
        }
        if (parsed.findings().isEmpty()) {
            throw new MalformedEventException(List.of(new EventProblem("", "the event holds no finding")));
        }
        return parsed.findings();
    }

    /** The kind of event by its {@code source} and {@code detail-type}, without reading the detail. */
    public static EventKind kindOf(JsonNode event) {
        if (event == null || !event.isObject()) {
            return EventKind.UNSUPPORTED;
        }
        String source = event.path("source").asText("");
        String detailType = event.path("detail-type").asText("");
        if (GUARDDUTY_SOURCE.equals(source) && GUARDDUTY_DETAIL_TYPE.equals(detailType)) {
            return EventKind.GUARDDUTY_FINDING;
        }
        if (SECURITY_HUB_SOURCE.equals(source) && SECURITY_HUB_DETAIL_TYPE.equals(detailType)) {
            return EventKind.SECURITY_HUB_IMPORTED;
        }
        return EventKind.UNSUPPORTED;
    }

    /**
     * The GuardDuty type an ASFF type names: {@code TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce} becomes
     * {@code UnauthorizedAccess:EC2/SSHBruteForce} (Security Hub writes the first {@code /} of the type as {@code -}).
     */
    public static String guardDutyType(String asffType) {
        String[] segments = asffType.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].indexOf(':') < 0) {
                continue;
            }
            String type = String.join("/", java.util.Arrays.copyOfRange(segments, i, segments.length));
            if (type.indexOf('/') < 0) {
                int colon = type.indexOf(':');
                int dash = type.indexOf('-', colon);
                if (dash > 0) {
                    type = type.substring(0, dash) + "/" + type.substring(dash + 1);
                }
            }
            return type;
        }
        return asffType;
    }

    private static ParsedEvent readEvent(JsonNode event) {
        if (event == null || !event.isObject()) {
            return unsupported("", "an EventBridge event is a JSON object");
        }
        EventKind kind = kindOf(event);
        if (kind == EventKind.UNSUPPORTED) {
            return unsupported("", UNSUPPORTED_REASON + ": source '" + event.path("source").asText("")
                    + "', detail-type '" + event.path("detail-type").asText("") + "' (expected "
                    + GUARDDUTY_SOURCE + " '" + GUARDDUTY_DETAIL_TYPE + "' or " + SECURITY_HUB_SOURCE + " '"
                    + SECURITY_HUB_DETAIL_TYPE + "')");
        }
        Context context = new Context(event.path("account").asText(""), event.path("region").asText(""));
        JsonNode detail = event.get("detail");
        if (detail == null || !detail.isObject()) {
            context.problem("detail", "missing or not an object");
            return new ParsedEvent(kind, List.of(), context.problems);
        }
        List<SecurityFinding> findings = new ArrayList<>();
        if (kind == EventKind.GUARDDUTY_FINDING) {
            guardDuty(detail, "detail", context).ifPresent(findings::add);
        } else {
            JsonNode list = detail.get("findings");
            if (list == null || !list.isArray() || list.isEmpty()) {
                context.problem("detail.findings", "missing, empty or not an array");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    asff(list.get(i), "detail.findings[" + i + "]", context).ifPresent(findings::add);
                }
            }
        }
        return new ParsedEvent(kind, findings, context.problems);
    }

    // ---- GuardDuty (camelCase) -----------------------------------------------------------------------------

    private static Optional<SecurityFinding> guardDuty(JsonNode detail, String path, Context context) {
        int before = context.problems.size();
        String id = context.requiredText(detail, "id", path);
        String type = context.requiredText(detail, "type", path);
        Double severity = context.requiredNumber(detail, "severity", path, 0, 10);
        JsonNode service = detail.get("service");
        if (service == null || !service.isObject()) {
            context.problem(path + ".service", "missing or not an object");
        }
        if (context.problems.size() > before) {
            return Optional.empty();
        }
        List<RemoteIp> ips = new ArrayList<>();
        JsonNode action = service.path("action");
        String actionPath = path + ".service.action";
        for (IpLocation location : IpLocation.values()) {
            JsonNode block = action.get(location.actionKey());
            if (block == null) {
                continue;
            }
            String blockPath = actionPath + "." + location.actionKey();
            if (location == IpLocation.PORT_PROBE) {
                JsonNode details = block.get("portProbeDetails");
                if (details == null || !details.isArray()) {
                    context.problem(blockPath + ".portProbeDetails", "missing or not an array");
                    continue;
                }
                for (int i = 0; i < details.size(); i++) {
                    remoteIpDetails(details.get(i).path("remoteIpDetails"),
                            blockPath + ".portProbeDetails[" + i + "].remoteIpDetails", location, false, ips);
                }
            } else {
                remoteIpDetails(block.path("remoteIpDetails"), blockPath + ".remoteIpDetails", location, false, ips);
            }
        }
        JsonNode instance = detail.path("resource").path("instanceDetails");
        return Optional.of(new SecurityFinding(
                FindingSource.GUARDDUTY,
                id,
                type,
                detail.path("title").asText(""),
                text(detail, "accountId").orElse(context.account),
                text(detail, "region").orElse(context.region),
                FindingSeverity.ofScore(severity),
                role(text(service, "resourceRole")),
                service.path("archived").asBoolean(false),
                ips,
                text(instance, "instanceId"),
                subnets(instance.path("networkInterfaces"), "subnetId"),
                Optional.empty()));
    }

    // ---- Security Hub (ASFF, PascalCase) -------------------------------------------------------------------

    private static Optional<SecurityFinding> asff(JsonNode finding, String path, Context context) {
        if (finding == null || !finding.isObject()) {
            context.problem(path, "not an object");
            return Optional.empty();
        }
        int before = context.problems.size();
        String id = context.requiredText(finding, "Id", path);
        String productArn = context.requiredText(finding, "ProductArn", path);
        JsonNode types = finding.get("Types");
        String type = null;
        if (types == null || !types.isArray() || types.isEmpty() || !types.get(0).isTextual()) {
            context.problem(path + ".Types", "missing, empty or not an array of strings");
        } else {
            type = guardDutyType(types.get(0).asText());
        }
        FindingSeverity severity = asffSeverity(finding.get("Severity"), path + ".Severity", context);
        if (context.problems.size() > before) {
            return Optional.empty();
        }
        JsonNode productFields = finding.path("ProductFields");
        List<RemoteIp> ips = new ArrayList<>();
        JsonNode action = finding.path("Action");
        for (IpLocation location : IpLocation.values()) {
            String key = capitalised(location.actionKey());
            JsonNode block = action.get(key);
            if (block == null) {
                continue;
            }
            String blockPath = path + ".Action." + key;
            if (location == IpLocation.PORT_PROBE) {
                JsonNode details = block.get("PortProbeDetails");
                if (details == null || !details.isArray()) {
                    context.problem(blockPath + ".PortProbeDetails", "missing or not an array");
                    continue;
                }
                for (int i = 0; i < details.size(); i++) {
                    remoteIpDetails(details.get(i).path("RemoteIpDetails"),
                            blockPath + ".PortProbeDetails[" + i + "].RemoteIpDetails", location, true, ips);
                }
            } else {
                remoteIpDetails(block.path("RemoteIpDetails"), blockPath + ".RemoteIpDetails", location, true, ips);
            }
        }
        for (Map.Entry<String, JsonNode> field : productFields.properties()) {
            Matcher matcher = PRODUCT_FIELD_IP.matcher(field.getKey());
            if (!matcher.matches()) {
                continue;
            }
            Optional<IpLocation> location = locationOf(matcher.group(1));
            if (location.isPresent()) {
                ips.add(new RemoteIp(valueText(field.getValue()), location.get(),
                        path + ".ProductFields." + field.getKey()));
            }
        }
        String productName = text(finding, "ProductName")
                .or(() -> text(productFields, ASFF_PRODUCT_NAME))
                .orElse("");
        SecurityHubState state = new SecurityHubState(
                productArn,
                productName,
                text(finding.path("Workflow"), "Status").orElse("NEW"),
                text(finding, "RecordState").orElse("ACTIVE"),
                text(finding.path("Note"), "UpdatedBy"));
        Optional<String> instanceId = Optional.empty();
        List<String> subnetIds = new ArrayList<>();
        for (JsonNode resource : finding.path("Resources")) {
            if ("AwsEc2Instance".equals(resource.path("Type").asText())) {
                String resourceId = resource.path("Id").asText("");
                int slash = resourceId.lastIndexOf('/');
                if (instanceId.isEmpty() && !resourceId.isEmpty()) {
                    instanceId = Optional.of(slash >= 0 ? resourceId.substring(slash + 1) : resourceId);
                }
                text(resource.path("Details").path("AwsEc2Instance"), "SubnetId").ifPresent(subnetIds::add);
            }
        }
        return Optional.of(new SecurityFinding(
                FindingSource.SECURITY_HUB,
                id,
                type,
                finding.path("Title").asText(""),
                text(finding, "AwsAccountId").orElse(context.account),
                text(finding, "Region").orElse(context.region),
                severity,
                role(text(productFields, ASFF_ROLE)),
                "true".equalsIgnoreCase(productFields.path(ASFF_ARCHIVED).asText("false")),
                ips,
                instanceId,
                subnetIds,
                Optional.of(state)));
    }

    private static FindingSeverity asffSeverity(JsonNode severity, String path, Context context) {
        if (severity == null || !severity.isObject()) {
            context.problem(path, "missing or not an object");
            return null;
        }
        Optional<SeverityLabel> label = text(severity, "Label").flatMap(SeverityLabel::parse);
        if (severity.has("Label") && label.isEmpty()) {
            context.problem(path + ".Label", "'" + severity.get("Label").asText() + "' is not a severity label");
            return null;
        }
        JsonNode product = severity.get("Product");
        if (product != null && product.isNumber() && product.asDouble() >= 0 && product.asDouble() <= 10) {
            double score = product.asDouble();
            return new FindingSeverity(score, label.orElse(SeverityLabel.ofScore(score)));
        }
        if (label.isPresent()) {
            return new FindingSeverity(label.get().floor(), label.get());
        }
        JsonNode normalized = severity.get("Normalized");
        if (normalized != null && normalized.isNumber() && normalized.asDouble() >= 0
                && normalized.asDouble() <= 100) {
            return FindingSeverity.ofScore(normalized.asDouble() / 10.0);
        }
        context.problem(path, "has neither a Label nor a numeric Product (0-10) or Normalized (0-100)");
        return null;
    }

    // ---- shared ---------------------------------------------------------------------------------------------

    private static void remoteIpDetails(JsonNode details, String path, IpLocation location, boolean pascal,
                                        List<RemoteIp> out) {
        if (!details.isObject()) {
            return;
        }
        for (String version : List.of("V4", "V6")) {
            String key = (pascal ? "IpAddress" : "ipAddress") + version;
            JsonNode value = details.get(key);
            if (value != null && !value.isNull()) {
                out.add(new RemoteIp(valueText(value), location, path + "." + key));
            }
        }
    }

    private static Optional<IpLocation> locationOf(String actionKey) {
        for (IpLocation location : IpLocation.values()) {
            if (location.actionKey().equals(actionKey)) {
                return Optional.of(location);
            }
        }
        return Optional.empty();
    }

    private static ResourceRole role(Optional<String> text) {
        return switch (text.orElse("").toUpperCase(Locale.ROOT)) {
            case "TARGET" -> ResourceRole.TARGET;
            case "ACTOR" -> ResourceRole.ACTOR;
            default -> ResourceRole.UNKNOWN;
        };
    }

    private static List<String> subnets(JsonNode interfaces, String key) {
        List<String> out = new ArrayList<>();
        for (JsonNode networkInterface : interfaces) {
            text(networkInterface, key).filter(s -> !out.contains(s)).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<String> text(JsonNode node, String key) {
        JsonNode value = node == null ? null : node.get(key);
        return value != null && value.isTextual() && !value.asText().isEmpty()
                ? Optional.of(value.asText()) : Optional.empty();
    }

    /** String values as they are; anything else as its JSON text, so that it shows up as an invalid IP. */
    private static String valueText(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    private static String capitalised(String key) {
        return Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }

    private static ParsedEvent unsupported(String path, String reason) {
        return new ParsedEvent(EventKind.UNSUPPORTED, List.of(), List.of(new EventProblem(path, reason)));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Event-wide values and the problems met so far. */
    private static final class Context {
        final String account;
        final String region;
        final List<EventProblem> problems = new ArrayList<>();

        Context(String account, String region) {
            this.account = account;
            this.region = region;
        }

        void problem(String path, String reason) {
            problems.add(new EventProblem(path, reason));
        }

        String requiredText(JsonNode node, String key, String path) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                problem(path + "." + key, "missing");
                return null;
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                problem(path + "." + key, "must be a non-empty string");
                return null;
            }
            return value.asText();
        }

        Double requiredNumber(JsonNode node, String key, String path, double min, double max) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                problem(path + "." + key, "missing");
                return null;
            }
            if (!value.isNumber()) {
                problem(path + "." + key, "must be a number");
                return null;
            }
            double number = value.asDouble();
            if (!(number >= min && number <= max)) {
                problem(path + "." + key, number + " is outside " + min + "-" + max);
                return null;
            }
            return number;
        }
    }
}
