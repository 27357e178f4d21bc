package dev.portcullis.catalog;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Java checks rule files may name, by name (e.g. {@code iam.wildcard-action}: lowercase, a dot between the
 * area and the check). The gate builds the registry of built-in checks; tests may build their own.
 */
public final class CheckRegistry {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z][a-z0-9-]*)+");

    public static final CheckRegistry EMPTY = new CheckRegistry(Map.of());

    private final Map<String, RuleCheck<?>> checks;

    private CheckRegistry(Map<String, RuleCheck<?>> checks) {
        this.checks = Collections.unmodifiableMap(new TreeMap<>(checks));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<RuleCheck<?>> find(String name) {
        return Optional.ofNullable(checks.get(name));
    }

    /** Every registered name, sorted. */
    public Set<String> names() {
        return checks.keySet();
    }

    /** Collects checks; a name registered twice or not of the form {@code area.check-name} is a programming error. */
    public static final class Builder {
        private final Map<String, RuleCheck<?>> checks = new TreeMap<>();

        public Builder add(String name, RuleCheck<?> check) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("check name '" + name + "' is not of the form area.check-name");
            }
            if (checks.putIfAbsent(name, check) != null) {
                throw new IllegalArgumentException("check '" + name + "' registered twice");
            }
            return this;
        }

        public CheckRegistry build() {
            return new CheckRegistry(checks);
        }
    }
}
