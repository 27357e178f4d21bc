package dev.portcullis.cli;

import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Severity;

/**
 * The process exit codes. Their numeric order is also their precedence: when several apply in one run,
 * the highest wins, so a run that hit an internal error never looks like a mere finding.
 */
enum ExitCode {
    /** Nothing at or above {@code --fail-on}. */
    OK(0),
    /** Findings at or above {@code --fail-on}. */
    FINDINGS(1),
    /** The command line was wrong. */
    USAGE(2),
    /** An input could not be read or evaluated: the gate fails closed. */
    INPUT(3),
    /** A bug in Portcullis. */
    INTERNAL(4);

    final int code;

    ExitCode(int code) {
        this.code = code;
    }

    static ExitCode of(CheckResult result, Severity failOn) {
        if (result.hasInternalError()) {
            return INTERNAL;
        }
        if (result.hasInputError()) {
            return INPUT;
        }
        return result.failsAt(failOn) ? FINDINGS : OK;
    }

    /** The one of the two that takes precedence. */
    ExitCode worst(ExitCode other) {
        return other.code > code ? other : this;
    }
}
