package dev.portcullis.catalog;

import java.util.Set;
import java.util.regex.Pattern;

import dev.portcullis.model.Severity;

/** One way a pack picks rules; a pack takes the union of its selectors' picks. */
public sealed interface PackSelector {

    boolean selects(Rule rule);

    /** {@code all: true}. */
    record All() implements PackSelector {
        public boolean selects(Rule rule) {
            return true;
        }
    }

    /** {@code ids: [..]}. */
    record Ids(Set<String> ids) implements PackSelector {
        public Ids {
            ids = Set.copyOf(ids);
        }

        public boolean selects(Rule rule) {
            return ids.contains(rule.id());
        }
    }

    /** {@code framework: fsbp}: rules with at least one control of the framework. */
    record Framework(ControlFramework framework) implements PackSelector {
        public boolean selects(Rule rule) {
            for (String c : rule.controls()) {
                if (ControlFramework.of(c) == framework) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code controls: REGEX}: rules with a control id the expression matches as a whole. */
    record Controls(Pattern pattern) implements PackSelector {
        public boolean selects(Rule rule) {
            for (String c : rule.controls()) {
                if (pattern.matcher(c).matches()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code services: [s3, iam]}: rules in these folders. */
    record Services(Set<String> services) implements PackSelector {
        public Services {
            services = Set.copyOf(services);
        }

        public boolean selects(Rule rule) {
            return services.contains(rule.service());
        }
    }

    /** {@code minSeverity: high}: rules at or above the severity (as written in the rule file). */
    record MinSeverity(Severity threshold) implements PackSelector {
        public boolean selects(Rule rule) {
            return rule.severity().atLeast(threshold);
        }
    }
}
