package dev.portcullis.response.decision;

import dev.portcullis.response.config.Backend;
import dev.portcullis.response.config.FindingTypePattern;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.finding.EventKind;
import dev.portcullis.response.finding.EventProblem;
import dev.portcullis.response.finding.FindingEvents;
import dev.portcullis.response.finding.ParsedEvent;
import dev.portcullis.response.finding.RemoteIp;
import dev.portcullis.response.finding.ResourceRole;
import dev.portcullis.response.finding.SecurityFinding;
import dev.portcullis.response.finding.SecurityHubState;
import dev.portcullis.response.net.Cidr;
import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.net.NonInternetRanges;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.PlannedAction;
import dev.portcullis.response.plan.PlannedAction.BlockIp;
import dev.portcullis.response.plan.Skip;
import dev.portcullis.response.plan.SkipReason;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The pure block decision: which remote IPs of a finding to block, at which backends, until when, and why every
 * other IP is left alone. No I/O, no clock (the caller passes {@code now}), no exceptions: whatever the input, the
 * answer is a {@link Plan}. Our own Security Hub updates are refused here as well as by the EventBridge pattern,
 * so a pattern mistake cannot make the stack loop.
 */
public final class BlockDecision {

    /** Workflow status we set on findings we handled. */
    public static final String NOTIFIED = "NOTIFIED";

    private static final Pattern GUARDDUTY_TYPE = Pattern.compile("[A-Za-z0-9]+:[A-Za-z0-9]+/[A-Za-z0-9.!&_-]+");

    private final ResponseConfig config;

    public BlockDecision(ResponseConfig config) {
        this.config = config;
    }

    public ResponseConfig config() {
        return config;
    }

    /** Reads the event leniently and decides; malformed parts become skips with their reasons. Never throws. */
    public Plan decideEvent(String eventJson, Instant now) {
        return decide(FindingEvents.read(eventJson), now);
    }

    /** Decides on an already read event, turning its problems into skips. Never throws. */
    public Plan decide(ParsedEvent event, Instant now) {
        List<Skip> problems = new ArrayList<>();
        for (EventProblem problem : event.problems()) {
            SkipReason code = event.kind() == EventKind.UNSUPPORTED && event.findings().isEmpty()
                    && problem.reason().startsWith(FindingEvents.UNSUPPORTED_REASON)
                    ? SkipReason.UNSUPPORTED_EVENT : SkipReason.MALFORMED_EVENT;
            problems.add(new Skip(null, code, problem.toString(), null));
        }
        return Plan.skippedOnly(config.dryRun(), problems).plus(decide(event.findings(), now));
    }

    /** Decides on several findings (one Security Hub event), blocking each IP once per backend. */
    public Plan decide(List<SecurityFinding> findings, Instant now) {
        Plan plan = Plan.empty(config.dryRun());
        Set<String> planned = new HashSet<>();
        for (SecurityFinding finding : findings) {
            Plan one = decide(finding, now);
            List<PlannedAction> actions = new ArrayList<>();
            for (PlannedAction action : one.actions()) {
                if (!(action instanceof BlockIp block) || planned.add(block.ip() + "|" + block.enforcer())) {
                    actions.add(action);
                }
            }
            plan = plan.plus(new Plan(config.dryRun(), actions, one.skipped()));
        }
        return plan;
    }

    /** Decides on one finding. Never throws. */
    public Plan decide(SecurityFinding finding, Instant now) {
        Optional<Skip> findingSkip = findingLevelSkip(finding);
        if (findingSkip.isPresent()) {
            Skip skip = findingSkip.get();
            if (finding.remoteIps().isEmpty()) {
                return Plan.skippedOnly(config.dryRun(), List.of(skip));
            }
            // One skip per IP, so every address in the finding is accounted for in the plan.
            List<Skip> perIp = distinctTexts(finding).stream()
                    .map(ip -> new Skip(ip, skip.code(), skip.reason(), skip.findingId()))
                    .toList();
            return Plan.skippedOnly(config.dryRun(), perIp);
        }
        Instant expiresAt = now.plus(config.blockLifetime()).truncatedTo(ChronoUnit.SECONDS);
        List<Skip> skipped = new ArrayList<>();
        Map<IpAddress, RemoteIp> blockable = new LinkedHashMap<>();
        Set<String> seenInvalid = new HashSet<>();
        for (RemoteIp remote : finding.remoteIps()) {
            Optional<IpAddress> parsed = remote.address();
            if (parsed.isEmpty()) {
                if (seenInvalid.add(remote.text())) {
                    skipped.add(new Skip(remote.text(), SkipReason.INVALID_IP, "'" + remote.text()
                            + "' at " + remote.path() + " is not an IPv4 or IPv6 address", finding.id()));
                }
                continue;
            }
            IpAddress ip = parsed.get();
            if (blockable.containsKey(ip) || skipped.stream().anyMatch(s -> ip.toString().equals(s.ip()))) {
                continue;
            }
            Optional<Skip> ipSkip = ipLevelSkip(ip, finding);
            if (ipSkip.isPresent()) {
                skipped.add(ipSkip.get());
            } else {
                blockable.put(ip, remote);
            }
        }
        List<PlannedAction> actions = new ArrayList<>();
        for (IpAddress ip : blockable.keySet()) {
            for (Backend backend : config.backends()) {
                actions.add(new BlockIp(ip, backend, expiresAt, finding.id(), finding.type(),
                        finding.severity().score(), finding.instanceId().orElse(null), finding.subnetIds()));
            }
        }
        if (!blockable.isEmpty()) {
            actions.add(notification(finding, blockable, expiresAt));
            if (!config.dryRun() && finding.securityHub().isPresent()) {
                SecurityHubState hub = finding.securityHub().get();
                actions.add(new PlannedAction.UpdateFinding(finding.id(), hub.productArn(),
                        note(blockable.keySet(), expiresAt), ResponseConfig.NOTE_AUTHOR, NOTIFIED));
            }
        }
        return new Plan(config.dryRun(), actions, skipped);
    }

    private Optional<Skip> findingLevelSkip(SecurityFinding finding) {
        String id = finding.id();
        if (!config.acts(finding.source())) {
            return skip(SkipReason.SOURCE_DISABLED, "findings from " + finding.source().wireName()
                    + " are not acted upon (sources: " + config.sources().stream()
                    .map(s -> s.wireName()).sorted().collect(Collectors.joining(", ")) + ")", id);
        }
        if (finding.securityHub().isPresent()) {
            SecurityHubState hub = finding.securityHub().get();
            if (!hub.fromGuardDuty()) {
                return skip(SkipReason.NOT_GUARDDUTY, "Security Hub finding from '" + hub.productName()
                        + "' (" + hub.productArn() + "); only GuardDuty findings are acted upon", id);
            }
            if (hub.noteUpdatedBy().filter(ResponseConfig.NOTE_AUTHOR::equals).isPresent()) {
                return skip(SkipReason.OWN_UPDATE, "our own Security Hub update (Note.UpdatedBy "
                        + ResponseConfig.NOTE_AUTHOR + ", workflow " + hub.workflowStatus() + ")", id);
            }
            if (!"NEW".equals(hub.workflowStatus())) {
                return skip(SkipReason.WORKFLOW_NOT_NEW, "workflow status is " + hub.workflowStatus()
                        + "; only NEW findings are acted upon", id);
            }
            if (!"ACTIVE".equals(hub.recordState())) {
                return skip(SkipReason.ARCHIVED, "record state is " + hub.recordState(), id);
            }
        }
        if (finding.archived()) {
            return skip(SkipReason.ARCHIVED, "the finding is archived", id);
        }
        if (finding.type() == null || !GUARDDUTY_TYPE.matcher(finding.type()).matches()) {
            return skip(SkipReason.UNKNOWN_FINDING_TYPE, "'" + finding.type()
                    + "' is not a GuardDuty finding type (ThreatPurpose:ResourceType/ThreatFamilyName)", id);
        }
        if (!config.findingTypes().isEmpty()
                && config.findingTypes().stream().noneMatch(p -> p.matches(finding.type()))) {
            return skip(SkipReason.FINDING_TYPE_NOT_SELECTED, finding.type() + " is not in finding-types ("
                    + config.findingTypes().stream().map(FindingTypePattern::text)
                    .collect(Collectors.joining(", ")) + ")", id);
        }
        if (!config.minSeverity().admits(finding.severity())) {
            return skip(SkipReason.BELOW_THRESHOLD, "severity " + finding.severity() + " is below min-severity "
                    + config.minSeverity(), id);
        }
        if (finding.resourceRole() == ResourceRole.ACTOR) {
            return skip(SkipReason.RESOURCE_IS_ACTOR, "our resource is the ACTOR (it connected to the remote IP); "
                    + "blocking would hide, not stop, the problem", id);
        }
        if (finding.resourceRole() != ResourceRole.TARGET) {
            return skip(SkipReason.RESOURCE_ROLE_UNKNOWN, "the finding does not say whether our resource was the "
                    + "target; nothing is blocked on a guess", id);
        }
        if (finding.remoteIps().isEmpty()) {
            return skip(SkipReason.NO_REMOTE_IP, "the finding carries no remote IP", id);
        }
        return Optional.empty();
    }

    private Optional<Skip> ipLevelSkip(IpAddress ip, SecurityFinding finding) {
        for (Cidr cidr : config.allowList()) {
            if (cidr.contains(ip)) {
                return Optional.of(new Skip(ip.toString(), SkipReason.ALLOW_LISTED, ip + " is in allow-list entry "
                        + cidr, finding.id()));
            }
        }
        return NonInternetRanges.classify(ip).map(range -> new Skip(ip.toString(), SkipReason.NOT_INTERNET,
                ip + " is " + range.name() + " (" + range.cidr() + "), not an internet address", finding.id()));
    }

    private PlannedAction.Notify notification(SecurityFinding finding, Map<IpAddress, RemoteIp> blocked,
                                              Instant expiresAt) {
        String verb = config.dryRun() ? "[dry-run] Would block " : "Blocked ";
        String subject = verb + blocked.size() + (blocked.size() == 1 ? " IP" : " IPs") + ": " + finding.type()
                + " (" + finding.severity().label() + ")";
        StringBuilder message = new StringBuilder();
        message.append(config.dryRun() ? "Dry run: nothing was enforced.\n" : "");
        for (Map.Entry<IpAddress, RemoteIp> entry : blocked.entrySet()) {
            message.append(entry.getKey()).append(" at ")
                    .append(config.backends().stream().map(Backend::wireName).collect(Collectors.joining(", ")))
                    .append(" until ").append(expiresAt)
                    .append(" (seen in ").append(entry.getValue().location().actionKey()).append(")\n");
        }
        message.append("Why: ").append(finding.type()).append(", severity ").append(finding.severity())
                .append(", our resource ").append(finding.instanceId().orElse("(not an instance)"))
                .append(" was the TARGET, in account ").append(finding.accountId()).append(' ')
                .append(finding.region()).append('\n');
        message.append("Finding: ").append(finding.id());
        if (!finding.title().isEmpty()) {
            message.append("\n").append(finding.title());
        }
        return new PlannedAction.Notify(subject, message.toString());
    }

    private static String note(Set<IpAddress> ips, Instant expiresAt) {
        String list = ips.stream().map(IpAddress::toString).collect(Collectors.joining(", "));
        // Security Hub limits Note.Text to 512 characters.
        String text = "Portcullis blocked " + list + " until " + expiresAt;
        return text.length() <= 512 ? text : text.substring(0, 509) + "...";
    }

    private static List<String> distinctTexts(SecurityFinding finding) {
        List<String> out = new ArrayList<>();
        for (RemoteIp remote : finding.remoteIps()) {
            String text = remote.address().map(IpAddress::toString).orElse(remote.text());
            if (!out.contains(text)) {
                out.add(text);
            }
        }
        return out;
    }

    private static Optional<Skip> skip(SkipReason code, String reason, String findingId) {
        return Optional.of(new Skip(null, code, reason, findingId));
    }
}
