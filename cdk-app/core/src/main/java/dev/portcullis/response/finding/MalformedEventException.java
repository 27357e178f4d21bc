package dev.portcullis.response.finding;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by strict reading ({@code portcullis replay}) with every reason the event was refused. */
public final class MalformedEventException extends Exception {

    private final List<EventProblem> problems;

    public MalformedEventException(List<EventProblem> problems) {
        super("malformed event: " + problems.stream().map(EventProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<EventProblem> problems() {
        return problems;
    }
}
