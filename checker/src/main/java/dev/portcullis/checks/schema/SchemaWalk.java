package dev.portcullis.checks.schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.portcullis.model.Finding;
import dev.portcullis.model.Resource;
import dev.portcullis.model.Span;
import dev.portcullis.resolve.Value;

/**
 * One validation of a resource's evaluated properties against its compact schema, collecting findings.
 * Symbolic and unknown values are skipped wherever they occur: their content is decided at deploy time.
 */
final class SchemaWalk {

    /** Enum values listed in a message; longer lists (instance types, regions) are cut. */
    private static final int LISTED_ALLOWED_VALUES = 12;

    private final ResourceSchema schema;
    private final Resource resource;
    private final List<Finding> findings = new ArrayList<>();

    SchemaWalk(ResourceSchema schema, Resource resource) {
        this.schema = schema;
        this.resource = resource;
    }

    /** Validates {@code properties} (null when the resource has no {@code Properties}). */
    List<Finding> run(Value properties, String propertiesPath) {
        Site top = Site.properties(propertiesPath, resource.keySpan());
        SchemaNode root = schema.properties();
        if (properties == null) {
            for (String name : root.required()) {
                missing(top, name);
            }
        } else if (properties instanceof Value.Struct || properties instanceof Value.Symbolic
                || properties instanceof Value.Unknown) {
            value(properties, root, top);
        } else {
            report(SchemaRule.WRONG_TYPE, spanOf(properties, top), top.path(),
                    "'Properties' must be an object, got " + ValueKinds.describe(properties));
        }
        return findings;
    }

    private void value(Value value, SchemaNode declared, Site site) {
        if (value == null || value instanceof Value.Symbolic || value instanceof Value.Unknown) {
            return;
        }
        SchemaNode node = schema.resolve(declared);
        if (!node.types().isEmpty() && !ValueKinds.accepts(node.types(), value)) {
            report(SchemaRule.WRONG_TYPE, spanOf(value, site), site.path(),
                    "'" + site.name() + "' must be " + expected(node) + ", got " + ValueKinds.describe(value));
            return;
        }
        if (value instanceof Value.Scalar scalar) {
            if (node.hasEnum()) {
                enumValue(scalar, node, site);
            }
        } else if (value instanceof Value.Struct struct) {
            struct(struct, node, site);
        } else if (value instanceof Value.Seq seq && node.items() != null) {
            List<Value> items = seq.items();
            for (int i = 0; i < items.size(); i++) {
                Value item = items.get(i);
                if (item != null) {
                    value(item, node.items(), site.item(i, spanOf(item, site)));
                }
            }
        }
    }

    private void struct(Value.Struct struct, SchemaNode node, Site site) {
        // A macro rewrites the object it sits in, so what is written there is not what gets deployed.
        boolean rewrittenByMacro = struct.field("Fn::Transform") != null;
        Set<String> suggested = new HashSet<>();
        for (Value.Field field : struct.fields()) {
            if (field.name().startsWith("Fn::") || field.name().equals("Ref")) {
                continue;
            }
            Site child = site.field(field.name(), keySpanOf(field, site));
            if (schema.isReadOnly(child.pointer())) {
                report(SchemaRule.UNKNOWN_PROPERTY, child.anchor(), child.path(),
                        "Property '" + field.name() + "'" + site.within() + " of " + resource.type()
                                + " is read-only: CloudFormation ignores it (read it with Fn::GetAtt)");
                continue;
            }
            SchemaNode childSchema = node.properties().get(field.name());
            if (childSchema == null) {
                childSchema = node.patternSchema(field.name());
            }
            if (childSchema != null) {
                value(field.value(), childSchema, child);
            } else if (node.closed() && !rewrittenByMacro) {
                unknown(field, site, child, node).ifPresent(suggested::add);
            }
        }
        if (!rewrittenByMacro) {
            for (String name : node.required()) {
                // A misspelt required key is one problem: the unknown-property finding already names it.
                if (struct.field(name) == null && !suggested.contains(name)) {
                    missing(site, name);
                }
            }
        }
    }

    /** Reports an unknown property; returns the name suggested instead, if any. */
    private Optional<String> unknown(Value.Field field, Site parent, Site child, SchemaNode node) {
        Optional<String> suggestion = ClosestName.among(field.name(), node.properties().keySet());
        report(SchemaRule.UNKNOWN_PROPERTY, child.anchor(), child.path(),
                "Unknown property '" + field.name() + "'" + parent.within() + " for " + resource.type()
                        + suggestion.map(s -> "; did you mean '" + s + "'?").orElse(""));
        return suggestion;
    }

    private void missing(Site site, String name) {
        report(SchemaRule.MISSING_REQUIRED, site.anchor(), site.path() + "/" + name,
                "Missing required property '" + name + "'" + site.within() + " for " + resource.type());
    }

    private void enumValue(Value.Scalar scalar, SchemaNode node, Site site) {
        String text = scalar.value() == null ? "null" : scalar.text();
        boolean ok = (node.allowed().isEmpty() || isAllowed(node.allowed(), text))
                && (node.allowedIgnoringCase().isEmpty()
                        || node.allowedIgnoringCase().stream().anyMatch(a -> a.equalsIgnoreCase(text)));
        if (ok) {
            return;
        }
        List<String> allowed = node.allowed().isEmpty() ? node.allowedIgnoringCase() : node.allowed();
        // A wrong number is not a typo of the nearest allowed one.
        Optional<String> suggestion = ValueKinds.decimal(text) != null ? Optional.empty()
                : ClosestName.among(text, allowed);
        report(SchemaRule.INVALID_ENUM, spanOf(scalar, site), site.path(),
                "'" + site.name() + "' must be one of " + listed(allowed) + "; got '" + text + "'"
                        + suggestion.map(s -> " (did you mean '" + s + "'?)").orElse(""));
    }

    /** Enum values compare as text, and as numbers when both sides are numbers ({@code 1} is {@code 1.0}). */
    private static boolean isAllowed(List<String> allowed, String text) {
        if (allowed.contains(text)) {
            return true;
        }
        BigDecimal number = ValueKinds.decimal(text);
        if (number == null) {
            return false;
        }
        for (String a : allowed) {
            BigDecimal n = ValueKinds.decimal(a);
            if (n != null && n.compareTo(number) == 0) {
                return true;
            }
        }
        return false;
    }

    private static String listed(List<String> allowed) {
        StringBuilder out = new StringBuilder();
        int shown = Math.min(allowed.size(), LISTED_ALLOWED_VALUES);
        for (int i = 0; i < shown; i++) {
            out.append(i == 0 ? "" : ", ").append(allowed.get(i));
        }
        if (allowed.size() > shown) {
            out.append(", ... (").append(allowed.size() - shown).append(" more)");
        }
        return out.toString();
    }

    private static String expected(SchemaNode node) {
        List<String> names = new ArrayList<>();
        for (JsonType type : JsonType.values()) {
            if (node.types().contains(type)) {
                names.add(type.withArticle());
            }
        }
        return String.join(" or ", names);
    }

    /**
     * A value's own span, unless it has none in the template (it came from a supplied parameter value);
     * then the property's key, which is the nearest thing in the file.
     */
    private static Span spanOf(Value value, Site site) {
        return value.span() == null || value.span().isSynthetic() ? site.anchor() : value.span();
    }

    /** The key's span; a key made up by an expansion has none in the file, so the nearest enclosing one. */
    private static Span keySpanOf(Value.Field field, Site parent) {
        Span key = field.keySpan();
        return key == null || key.isSynthetic() ? parent.anchor() : key;
    }

    private void report(SchemaRule rule, Span span, String path, String message) {
        findings.add(Finding.at(rule.id(), rule.severity(), span, resource.logicalId(), resource.type(), path,
                message));
    }
}
