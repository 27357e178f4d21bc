package dev.portcullis.response.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.response.ResponseJson;
import dev.portcullis.response.config.ResponseConfig;
import dev.portcullis.response.decision.BlockDecision;
import dev.portcullis.response.finding.EventProblem;
import dev.portcullis.response.finding.FindingEvents;
import dev.portcullis.response.finding.MalformedEventException;
import dev.portcullis.response.finding.ParsedEvent;
import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.plan.Plan;
import dev.portcullis.response.plan.PlannedAction.BlockIp;
import dev.portcullis.response.plan.Skip;
import dev.portcullis.response.plan.SkipReason;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one event through the stack's EventBridge patterns and the same decision code the Lambdas use, enforcing
 * nothing (the configuration is forced to dry-run). When no rule matches, nothing would run in AWS either, so there
 * are no actions; the skips then explain both the missed match and what the decision would have said.
 */
public final class Replay {

    private final ResponseConfig config;
    private final EventPatterns patterns;
    private final EventMatcher matcher;
    private final BlockDecision decision;

    public Replay(ResponseConfig config) {
        this.config = config.withDryRun(true);
        this.patterns = EventPatterns.from(this.config);
        this.matcher = new EventMatcher(patterns);
        this.decision = new BlockDecision(this.config);
    }

    public ResponseConfig config() {
        return config;
    }

    public EventPatterns patterns() {
        return patterns;
    }

    /** Throws with every reason when the event is malformed (the CLI's exit 3). */
    public ReplayResult run(String eventJson, Instant now) throws MalformedEventException {
        Optional<ReplayResult> playbook = playbook(eventJson, now);
        if (playbook.isPresent()) {
            return playbook.get();
        }
        FindingEvents.readStrict(eventJson);
        JsonNode event;
        try {
            event = ResponseJson.mapper().readTree(eventJson);
        } catch (Exception e) {
            throw new MalformedEventException(List.of(new EventProblem("", "not valid JSON: " + e.getMessage())));
        }
        ParsedEvent parsed = FindingEvents.read(event);
        List<String> matched = matcher.matchingRules(event);
        Plan plan = decision.decide(parsed, now);
        if (!matched.isEmpty()) {
            return new ReplayResult(matched, plan.actions(), plan.skipped());
        }
        List<Skip> skipped = new ArrayList<>(plan.skipped());
        Set<IpAddress> wouldBlock = new LinkedHashSet<>();
        plan.blocks().forEach(b -> wouldBlock.add(b.ip()));
        String reason = "no rule of the stack matches this event (rules: " + String.join(", ",
                patterns.all().stream().map(EventPattern::name).toList()) + "), so it would never reach the decision";
        for (IpAddress ip : wouldBlock) {
            String findingId = plan.blocks().stream().filter(b -> b.ip().equals(ip)).map(BlockIp::findingId)
                    .findFirst().orElse(null);
            skipped.add(new Skip(ip.toString(), SkipReason.NO_RULE_MATCHED, reason, findingId));
        }
        if (wouldBlock.isEmpty()) {
            skipped.add(0, new Skip(null, SkipReason.NO_RULE_MATCHED, reason, null));
        }
        return new ReplayResult(List.of(), List.of(), skipped);
    }

    /** Quarantine / Release custom actions and flow-log payloads, told apart from findings by their shape. */
    private Optional<ReplayResult> playbook(String eventJson, Instant now) throws MalformedEventException {
        JsonNode json;
        try {
            json = ResponseJson.mapper().readTree(eventJson);
        } catch (Exception e) {
            return Optional.empty();
        }
        return PlaybookReplay.run(json, config, now);
    }
}
