package dev.portcullis.engine;

import java.util.List;

import dev.portcullis.model.Finding;

/**
 * A check run on one resource in one condition scenario. Implementations are stateless (or thread-safe):
 * the engine may call them for many resources and scenarios. The engine merges findings across scenarios
 * and labels those that hold only in some of them, so checks never deal with scenarios themselves.
 */
public interface ResourceCheck {

    /** The findings (FAIL results) of this check on the resource. */
    List<Finding> check(ResourceContext context);

    /**
     * Reports this check's three-valued results: findings and, apart from them, what the template leaves
     * undetermined. Checks that can be UNKNOWN override this; the default reports {@link #check}'s findings.
     */
    default void evaluate(ResourceContext context, Outcomes out) {
        for (Finding f : check(context)) {
            out.fail(f);
        }
    }

    /** Where a check reports: FAIL findings, and UNKNOWN results (the reason as the finding's message). */
    interface Outcomes {
        void fail(Finding finding);

        void unknown(Finding finding);
    }
}
