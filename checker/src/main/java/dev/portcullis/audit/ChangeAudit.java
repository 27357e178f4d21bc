package dev.portcullis.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.portcullis.catalog.Revert;
import dev.portcullis.catalog.Rule;
import dev.portcullis.gate.Gate;
import dev.portcullis.gate.RuleOptions;
import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputError;
import dev.portcullis.resolve.Inputs;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.finding.MalformedEventException;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.PlannedAction;
import dev.portcullis.response.plan.PlannedAction.DeleteFunctionUrl;
import dev.portcullis.response.plan.PlannedAction.Notify;
import dev.portcullis.response.plan.PlannedAction.RestorePublicAccessBlock;
import dev.portcullis.response.plan.PlannedAction.RevokeIngress;
import dev.portcullis.response.plan.Skip;
import dev.portcullis.response.plan.SkipReason;

/**
 * The audit of one deployed change: CloudTrail event → the changed resource → its properties (read live through a
 * {@link ResourceReader}, or, with none, as the event states them) → a one-resource template checked by the same
 * {@link Gate} and catalog as {@code portcullis check} → the violated rules, each answered as its file declares
 * ({@code response.revert}) → a plan of reverts and one notification naming who made the change.
 *
 * <p>Changes by our own roles are skipped; changes by CloudFormation are notified, never reverted. A revert of
 * ingress removes only a permission this change added, never one the group had before. Reverts are planned in
 * dry-run too (they are what would happen); the plan's {@code dryRun} tells the executor not to make them.
 */
public final class ChangeAudit {

    /** A finding's path below the resource's properties ({@code Resources/Group/Properties/SecurityGroupIngress/0/CidrIp}). */
    private static final Pattern PROPERTY_PATH = Pattern.compile("^Resources/[^/]+/Properties/(.*)$");
    private static final Pattern INGRESS_INDEX = Pattern.compile("^SecurityGroupIngress/(\\d+)(/.*)?$");

    /** Write-only properties (never returned by a read) of the audited types that rules look at. */
    private static final Map<String, Set<String>> WRITE_ONLY = Map.of("AWS::S3::Bucket", Set.of("AccessControl"));

    private final ResponseConfig config;
    private final Gate gate;
    private final Provenance provenance;

    /**
     * @param extraOwnRoles role ARNs whose changes are ours besides the configuration's (the Lambda's own role)
     */
    public ChangeAudit(ResponseConfig config, Gate gate, List<String> extraOwnRoles) {
        this.config = config;
        this.gate = gate;
        List<String> own = new ArrayList<>(config.audit().ownRoles());
        own.addAll(extraOwnRoles);
        this.provenance = new Provenance(own);
    }

    /**
     * Plans the response to an event.
     *
     * @param live reads the resource as it is now; empty to evaluate the change as the event states it (replay)
     * @throws MalformedEventException when the event is not a CloudTrail event or lacks what identifies the change
     */
    public Plan plan(JsonNode event, Optional<ResourceReader> live) throws MalformedEventException {
        CloudTrailChange change = CloudTrailEvents.read(event);
        boolean dryRun = config.dryRun();
        String eventId = change.eventId();
        if (change.errorCode() != null) {
            return skipped(dryRun, SkipReason.CHANGE_FAILED, change.eventName() + " failed with " + change.errorCode()
                    + ": nothing was changed", eventId);
        }
        Optional<AuditedCall> call = AuditedCall.named(change.call());
        if (call.isEmpty()) {
            return skipped(dryRun, SkipReason.UNSUPPORTED_EVENT, change.eventSource() + " " + change.eventName()
                    + " is not a call the audit reviews", eventId);
        }
        ChangeDescription description = call.get().describe(change);
        Optional<Provenance.Exemption> exemption = provenance.exemption(change);
        if (exemption.isPresent() && exemption.get().code() == SkipReason.OWN_CHANGE) {
            return skipped(dryRun, SkipReason.OWN_CHANGE, exemption.get().reason() + "; never audited", eventId);
        }

        List<Skip> skipped = new ArrayList<>();
        Map<String, Evaluated> resources = new LinkedHashMap<>();
        for (ChangedResource resource : description.resources()) {
            Optional<Evaluated> evaluated = properties(resource, live, skipped, eventId);
            if (evaluated.isEmpty() && resource == description.subject()) {
                return new Plan(dryRun, List.of(), skipped);
            }
            evaluated.ifPresent(e -> resources.put(resource.logicalId(), e));
        }

        CheckResult result = gate.checkTemplate(templateName(change, description), template(resources),
                new Inputs(Map.of(), change.region(), change.account()), RuleOptions.DEFAULT);
        if (!result.errors().isEmpty()) {
            skipped.add(new Skip(null, SkipReason.RESOURCE_UNREADABLE, "the resource could not be evaluated: "
                    + String.join("; ", result.errors().stream().map(InputError::message).toList()), eventId));
            return new Plan(dryRun, List.of(), skipped);
        }
        List<Violation> violations = violations(call.get(), result, resources);
        if (violations.isEmpty()) {
            skipped.add(new Skip(null, SkipReason.COMPLIANT, "no rule the audit applies to " + change.call() + " ("
                    + String.join(", ", call.get().rules()) + ") is violated by " + description.subject().type() + " "
                    + description.subject().identifier(), eventId));
            return new Plan(dryRun, List.of(), skipped);
        }

        List<PlannedAction> reverts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (exemption.isPresent()) {
            notes.add("Not reverted: " + exemption.get().reason() + ".");
            skipped.add(new Skip(null, exemption.get().code(), exemption.get().reason() + "; notified, not reverted",
                    eventId));
        } else {
            reverts.addAll(reverts(violations, description, resources, change, notes));
        }
        List<PlannedAction> actions = new ArrayList<>(reverts);
        actions.add(notice(change, description, violations, reverts, notes, dryRun));
        return new Plan(dryRun, actions, skipped);
    }

    /** A resource's properties as evaluated, and whether they came from the event alone. */
    private record Evaluated(ChangedResource resource, ObjectNode properties, boolean statedOnly) {
    }

    private Optional<Evaluated> properties(ChangedResource resource, Optional<ResourceReader> live, List<Skip> skipped,
                                           String eventId) {
        if (live.isEmpty() || !resource.readable()) {
            return Optional.of(new Evaluated(resource, resource.stated(), true));
        }
        Optional<JsonNode> read;
        try {
            read = live.get().read(resource.type(), resource.identifier());
        } catch (ResourceReader.ResourceReadException e) {
            // The change is still judged, as the event states it: an outage of the read must not let it stand.
            skipped.add(new Skip(null, SkipReason.RESOURCE_UNREADABLE, resource.type() + " " + resource.identifier()
                    + " could not be read (" + e.getMessage() + "); evaluated as the event states it", eventId));
            return Optional.of(new Evaluated(resource, resource.stated(), true));
        }
        if (read.isEmpty() || !read.get().isObject()) {
            skipped.add(new Skip(null, SkipReason.RESOURCE_NOT_FOUND, resource.type() + " " + resource.identifier()
                    + " no longer exists; nothing to revert", eventId));
            return Optional.empty();
        }
        ObjectNode props = ((ObjectNode) read.get()).deepCopy();
        if (resource.type().equals("AWS::S3::Bucket") && !props.has("PublicAccessBlockConfiguration")) {
            // In a template an absent configuration means the all-on default of new buckets; on a live bucket it
            // means there is none: every setting is off.
            ObjectNode off = props.putObject("PublicAccessBlockConfiguration");
            List.of("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")
                    .forEach(name -> off.put(name, false));
        }
        // What Cloud Control never returns (write-only properties such as a bucket's canned ACL) is taken from the
        // event, and references between the template's resources replace the physical names. Anything else absent
        // from the live read is absent (Cloud Control leaves out empty lists): the event's value is history.
        Set<String> writeOnly = WRITE_ONLY.getOrDefault(resource.type(), Set.of());
        resource.stated().fields().forEachRemaining(e -> {
            if ((writeOnly.contains(e.getKey()) && !props.has(e.getKey())) || e.getValue().has("Ref")) {
                props.set(e.getKey(), e.getValue());
            }
        });
        return Optional.of(new Evaluated(resource, props, false));
    }

    private static byte[] template(Map<String, Evaluated> resources) {
        ObjectNode root = ResponseJson.mapper().createObjectNode();
        root.put("AWSTemplateFormatVersion", "2010-09-09");
        ObjectNode all = root.putObject("Resources");
        resources.forEach((id, e) -> {
            ObjectNode r = all.putObject(id);
            r.put("Type", e.resource().type());
            r.set("Properties", e.properties());
        });
        try {
            return ResponseJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the audit template", e);
        }
    }

    private static String templateName(CloudTrailChange change, ChangeDescription description) {
        return "cloudtrail/" + change.eventName() + "/" + description.subject().identifier() + ".json";
    }

    /** A violated rule on one resource. */
    private record Violation(Rule rule, Finding finding, Evaluated resource) {
    }

    private List<Violation> violations(AuditedCall call, CheckResult result, Map<String, Evaluated> resources) {
        List<Violation> out = new ArrayList<>();
        for (Finding finding : result.findings()) {
            Evaluated resource = resources.get(finding.resource());
            if (!call.rules().contains(finding.ruleId()) || finding.suppressed() || resource == null) {
                continue;
            }
            // With only the event to go on, a property the event does not set is unknown, not absent: a finding
            // about it would be about the event's silence.
            if (resource.statedOnly() && !resource.resource().stated().has(topProperty(finding))) {
                continue;
            }
            Optional<Rule> rule = gate.catalog(List.of()).rule(finding.ruleId());
            rule.ifPresent(r -> out.add(new Violation(r, finding, resource)));
        }
        return out;
    }

    /** The path below {@code Properties}, or "" for a finding about the resource as a whole. */
    private static String propertyPath(Finding finding) {
        Matcher m = PROPERTY_PATH.matcher(finding.path() == null ? "" : finding.path());
        return m.matches() ? m.group(1) : "";
    }

    private static String topProperty(Finding finding) {
        String path = propertyPath(finding);
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    private List<PlannedAction> reverts(List<Violation> violations, ChangeDescription description,
                                        Map<String, Evaluated> resources, CloudTrailChange change, List<String> notes) {
        Map<String, Set<String>> rulesByTarget = new LinkedHashMap<>();
        Map<String, PlannedAction> byTarget = new LinkedHashMap<>();
        String who = change.actor().display();
        for (Violation v : violations) {
            Optional<Revert> revert = v.rule().declaredRevert();
            if (revert.isEmpty()) {
                continue;
            }
            String reason = v.finding().message();
            String key;
            PlannedAction action;
            switch (revert.get()) {
                case REVOKE_INGRESS -> {
                    Permission permission = offendingPermission(v);
                    Optional<Permission> added = permission == null ? Optional.empty()
                            : description.permissions().stream().filter(p -> p.sameAccess(permission)).findFirst();
                    if (added.isEmpty()) {
                        notes.add("Not reverted (" + v.rule().id() + "): " + reason + ", but this change did not add "
                                + "that permission; it was there before.");
                        continue;
                    }
                    Permission p = added.get();
                    key = "ingress " + p.protocol() + " " + p.fromPort() + " " + p.toPort() + " " + p.cidr();
                    action = new RevokeIngress(v.resource().resource().identifier(), p.ruleId(), p.protocol(),
                            p.fromPort(), p.toPort(), p.cidr(), List.of(), who, reason);
                }
                case RESTORE_PUBLIC_ACCESS_BLOCK -> {
                    String bucket = resources.values().stream()
                            .filter(e -> e.resource().type().equals("AWS::S3::Bucket"))
                            .map(e -> e.resource().identifier()).findFirst().orElse(null);
                    if (bucket == null) {
                        continue;
                    }
                    key = "bucket " + bucket;
                    action = new RestorePublicAccessBlock(bucket, List.of(), who, reason);
                }
                case DELETE_FUNCTION_URL -> {
                    if (description.functionName() == null) {
                        continue;
                    }
                    key = "url " + description.functionName() + ":" + description.qualifier();
                    action = new DeleteFunctionUrl(description.functionName(), description.qualifier(), List.of(), who,
                            reason);
                }
                default -> throw new IllegalStateException("unhandled revert " + revert.get());
            }
            byTarget.putIfAbsent(key, action);
            rulesByTarget.computeIfAbsent(key, k -> new TreeSet<>()).add(v.rule().id());
        }
        List<PlannedAction> out = new ArrayList<>();
        byTarget.forEach((key, action) -> out.add(withRules(action, List.copyOf(rulesByTarget.get(key)))));
        return out;
    }

    private static PlannedAction withRules(PlannedAction action, List<String> rules) {
        if (action instanceof RevokeIngress r) {
            return new RevokeIngress(r.securityGroupId(), r.securityGroupRuleId(), r.ipProtocol(), r.fromPort(),
                    r.toPort(), r.cidr(), rules, r.changedBy(), r.reason());
        }
        if (action instanceof RestorePublicAccessBlock r) {
            return new RestorePublicAccessBlock(r.bucket(), rules, r.changedBy(), r.reason());
        }
        DeleteFunctionUrl r = (DeleteFunctionUrl) action;
        return new DeleteFunctionUrl(r.functionName(), r.qualifier(), rules, r.changedBy(), r.reason());
    }

    /** The ingress entry a security group finding points at ({@code SecurityGroupIngress[2].CidrIp}). */
    private static Permission offendingPermission(Violation v) {
        Matcher m = INGRESS_INDEX.matcher(propertyPath(v.finding()));
        if (!m.matches()) {
            return null;
        }
        JsonNode entry = v.resource().properties().path("SecurityGroupIngress").path(Integer.parseInt(m.group(1)));
        return entry.isObject() ? Permission.ofIngress(entry) : null;
    }

    private static Notify notice(CloudTrailChange change, ChangeDescription description, List<Violation> violations,
                                 List<PlannedAction> reverts, List<String> notes, boolean dryRun) {
        ChangedResource subject = description.subject();
        String verb = reverts.isEmpty() ? "" : dryRun ? "; would revert" : "; reverting";
        String subjectLine = (dryRun ? "[dry-run] " : "") + change.call() + " on " + subject.identifier() + " by "
                + change.actor().display() + " violates " + violations.size() + " rule"
                + (violations.size() == 1 ? "" : "s") + verb;
        StringBuilder message = new StringBuilder();
        message.append(change.eventName()).append(" (").append(change.eventSource()).append(") at ")
                .append(change.eventTime()).append(" in ").append(change.account()).append(" ").append(change.region())
                .append("\nChanged by: ").append(change.actor().display());
        if (change.actor().sourceIp() != null) {
            message.append(" from ").append(change.actor().sourceIp());
        }
        message.append("\nResource: ").append(subject.type()).append(" ").append(subject.identifier())
                .append("\nEvent: ").append(change.eventId()).append("\n\nViolated rules:");
        for (Violation v : violations) {
            message.append("\n- ").append(v.rule().id()).append(" (").append(v.rule().severity().label()).append("): ")
                    .append(v.finding().message());
        }
        if (!reverts.isEmpty()) {
            message.append("\n\n").append(dryRun ? "Would revert (dry run, nothing changed):" : "Reverting:");
            for (PlannedAction a : reverts) {
                message.append("\n- ").append(describe(a));
            }
        }
        for (String note : notes) {
            message.append("\n\n").append(note);
        }
        return new Notify(subjectLine, message.toString());
    }

    private static String describe(PlannedAction action) {
        if (action instanceof RevokeIngress r) {
            String ports = r.fromPort() == null ? "all traffic" : r.fromPort().equals(r.toPort())
                    ? r.ipProtocol() + " " + r.fromPort() : r.ipProtocol() + " " + r.fromPort() + "-" + r.toPort();
            return "revoke-ingress " + ports + " from " + r.cidr() + " on " + r.securityGroupId()
                    + (r.securityGroupRuleId() == null ? "" : " (" + r.securityGroupRuleId() + ")")
                    + " [" + String.join(", ", r.rules()) + "]";
        }
        if (action instanceof RestorePublicAccessBlock r) {
            return "restore-public-access-block on bucket " + r.bucket() + " [" + String.join(", ", r.rules()) + "]";
        }
        DeleteFunctionUrl r = (DeleteFunctionUrl) action;
        return "delete-function-url of " + r.functionName() + (r.qualifier() == null ? "" : ":" + r.qualifier())
                + " [" + String.join(", ", r.rules()) + "]";
    }

    private static Plan skipped(boolean dryRun, SkipReason code, String reason, String eventId) {
        return Plan.skippedOnly(dryRun, List.of(new Skip(null, code, reason, eventId)));
    }
}
