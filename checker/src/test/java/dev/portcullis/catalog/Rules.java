package dev.portcullis.catalog;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.portcullis.engine.Engine;
import dev.portcullis.engine.TemplateEvaluation;
import dev.portcullis.model.InputError;
import dev.portcullis.parse.TemplateParser;
import dev.portcullis.resolve.Inputs;

/** Builds rules from YAML text and runs them on template text, through the real loader and engine. */
final class Rules {

    private static DocumentSchema schema;

    private Rules() {
    }

    static synchronized DocumentSchema schema() {
        if (schema == null) {
            schema = DocumentSchema.bundled(Catalog.RULE_SCHEMA);
        }
        return schema;
    }

    /** Loads {@code yaml} as the rule file {@code <id>.rule.yaml}; the result holds the rule or the errors. */
    static RuleLoader.Loaded load(String yaml, CheckRegistry registry) {
        String id = yaml.lines().filter(l -> l.startsWith("id:")).map(l -> l.substring(3).trim()).findFirst()
                .orElse("unnamed");
        String display = "test/" + id + RuleLoader.RULE_SUFFIX;
        RuleLoader.Parsed parsed = RuleLoader.parse(yaml, display, schema());
        if (parsed.document() == null) {
            return new RuleLoader.Loaded(null, parsed.errors());
        }
        return new RuleLoader(schema(), registry).compile(parsed.document(), id + RuleLoader.RULE_SUFFIX,
                RuleSource.ofResource("/nowhere/" + id + RuleLoader.RULE_SUFFIX, display, "test"));
    }

    static Rule rule(String yaml) {
        return rule(yaml, CheckRegistry.EMPTY);
    }

    static Rule rule(String yaml, CheckRegistry registry) {
        RuleLoader.Loaded loaded = load(yaml, registry);
        if (loaded.rule() == null) {
            throw new AssertionError("rule did not load: " + loaded.errors().stream().map(InputError::oneLine).toList());
        }
        return loaded.rule();
    }

    /**
     * A rule on {@code AWS::S3::Bucket} with the given {@code assert:} body (indented YAML after "assert:"), and
     * optionally a {@code when:} body.
     */
    static Rule bucketRule(String assertion) {
        return bucketRule(null, assertion);
    }

    static Rule bucketRule(String when, String assertion) {
        return rule(bucketRuleYaml(when, assertion));
    }

    /** The text of {@link #bucketRule(String, String)}'s rule. */
    static String bucketRuleYaml(String when, String assertion) {
        return ("id: test-rule\n"
                + "title: A test rule\n"
                + "severity: high\n"
                + "resourceTypes: [AWS::S3::Bucket]\n"
                + (when == null ? "" : "when:\n  " + when.strip().replace("\n", "\n  ") + "\n")
                + "assert:\n  " + assertion.strip().replace("\n", "\n  ") + "\n"
                + "message: \"{resource} at {path} is {value}\"\n"
                + "remediation: Fix it.\n"
                + "rationale: Because.\n");
    }

    static TemplateEvaluation run(Rule rule, String template) {
        return run(List.of(rule), template, Inputs.NONE);
    }

    static TemplateEvaluation run(List<Rule> rules, String template, Inputs inputs) {
        var parsed = new TemplateParser().parse("t.yaml", template.getBytes(StandardCharsets.UTF_8));
        return new Engine(List.of(new RuleSet(rules))).evaluate(parsed, inputs);
    }
}
