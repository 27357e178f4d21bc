package dev.portcullis.response.lambda;

import dev.portcullis.response.service.EnforceOutcome;
import java.util.List;

/** Output of the enforce step ({@code $.enforced}): what each point now enforces, and the points that failed. */
public record EnforceStep(List<EnforceOutcome> outcomes, List<PointFailure> failures) {
    public EnforceStep {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    /** An enforcement point that could not be written, and why. */
    public record PointFailure(String point, String reason) {
    }
}
