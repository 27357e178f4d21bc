package dev.portcullis.cli;

import java.util.List;
import java.util.function.Consumer;

import dev.portcullis.catalog.Rule;
import dev.portcullis.gate.CheckRequest;
import dev.portcullis.gate.Gate;
import dev.portcullis.gate.Progress;
import dev.portcullis.gate.RuleOptions;
import dev.portcullis.model.CheckResult;

/**
 * What the CLI calls to run a check: the {@link dev.portcullis.gate.Gate} in production. An interface
 * only so tests can stand in a failing gate and see how the CLI reports it.
 */
@FunctionalInterface
interface Checker {

    /**
     * @param internalErrors told about each unexpected exception behind an internal error in the result,
     *                       so {@code --stacktrace} can show it
     */
    CheckResult check(CheckRequest request, Progress progress, Consumer<Throwable> internalErrors);

    /** The rules a check with these options runs, for reports that describe them (SARIF). */
    default List<Rule> rules(RuleOptions options) {
        return new Gate().rules(options).rules();
    }
}
