package dev.portcullis.response.finding;

import java.util.List;

/**
 * What lenient reading made of an event: the findings it could read and the problems it met. Both can be non-empty
 * (a Security Hub event with one bad finding out of three). A problem never stops the other findings.
 */
public record ParsedEvent(EventKind kind, List<SecurityFinding> findings, List<EventProblem> problems) {

    public ParsedEvent {
        findings = List.copyOf(findings);
        problems = List.copyOf(problems);
    }

    public boolean clean() {
        return problems.isEmpty() && !findings.isEmpty();
    }
}
