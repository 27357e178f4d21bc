package dev.portcullis.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import dev.portcullis.catalog.Rule;
import dev.portcullis.catalog.RuleSet;
import dev.portcullis.engine.Engine;
import dev.portcullis.engine.TemplateEvaluation;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputError;
import dev.portcullis.model.InputException;
import dev.portcullis.model.Template;
import dev.portcullis.parse.TemplateParser;
import dev.portcullis.report.Json;
import dev.portcullis.resolve.Inputs;
import dev.portcullis.resolve.LanguageExtensions;

/**
 * Runs our rules that name a cfn_nag equivalent on that cfn_nag rule's spec expectations (scope {@code rule}) and
 * compares the logical ids flagged. Each template goes through the same pipeline as {@code portcullis check}: parse,
 * expand, evaluate with the rules under comparison only.
 */
final class CfnNagConformance {

    static final String TOOL = "cfn_nag";

    /** cfn-model checks SAM resources as the resources they expand to, under the same logical id. */
    private static final Map<String, String> SAM_EXPANSION = Map.of(
            "AWS::Serverless::Function", "AWS::Lambda::Function",
            "AWS::Serverless::Api", "AWS::ApiGateway::RestApi",
            "AWS::Serverless::SimpleTable", "AWS::DynamoDB::Table");

    /** What one expectation row came to. {@code error}: the template was rejected; {@code skipped}: not comparable. */
    record RowOutcome(CfnNagCorpus.Expectation expectation, Set<String> flagged, String error, String skipped) {

        boolean compared() {
            return skipped == null;
        }

        boolean agrees() {
            return compared() && error == null && flagged.equals(expectation.flagged());
        }
    }

    /** One mapped cfn_nag rule: our rules that name it, and every expectation row's outcome. */
    record RuleAgreement(CfnNagCorpus.CfnNagRule cfnNag, List<String> ourRules, List<RowOutcome> rows) {

        int compared() {
            return (int) rows.stream().filter(RowOutcome::compared).count();
        }

        int agreeing() {
            return (int) rows.stream().filter(RowOutcome::agrees).count();
        }

        /** Agreement in percent; 100 when there is nothing to compare. */
        double percent() {
            return compared() == 0 ? 100.0 : 100.0 * agreeing() / compared();
        }

        List<RowOutcome> disagreements() {
            return rows.stream().filter(r -> r.compared() && !r.agrees()).toList();
        }
    }

    private final CfnNagCorpus corpus;
    private final Map<String, List<Rule>> ourRulesByCfnNagId;
    private final Engine engine;
    private final Map<String, Evaluated> evaluations = new HashMap<>();

    /** A template's evaluation, or why it was rejected. */
    private record Evaluated(TemplateEvaluation evaluation, String error) {
    }

    CfnNagConformance(CfnNagCorpus corpus, List<Rule> catalog) {
        this.corpus = corpus;
        Map<String, List<Rule>> mapped = new TreeMap<>(CfnNagConformance::compareIds);
        List<Rule> involved = new ArrayList<>();
        for (Rule rule : catalog) {
            List<String> ids = rule.equivalents().getOrDefault(TOOL, List.of());
            for (String id : ids) {
                mapped.computeIfAbsent(id, k -> new ArrayList<>()).add(rule);
            }
            if (!ids.isEmpty()) {
                involved.add(rule);
            }
        }
        this.ourRulesByCfnNagId = mapped;
        this.engine = new Engine(List.of(new RuleSet(involved)));
    }

    /** Every mapped cfn_nag rule's agreement. A mapped id that cfn_nag does not have is an error. */
    List<RuleAgreement> run() {
        List<RuleAgreement> out = new ArrayList<>();
        for (Map.Entry<String, List<Rule>> e : ourRulesByCfnNagId.entrySet()) {
            CfnNagCorpus.CfnNagRule cfnNag = corpus.rules().get(e.getKey());
            if (cfnNag == null) {
                throw new IllegalStateException("no cfn_nag rule " + e.getKey() + " (named by "
                        + e.getValue().stream().map(Rule::id).toList() + ")");
            }
            Set<String> ourIds = new TreeSet<>(e.getValue().stream().map(Rule::id).toList());
            List<RowOutcome> rows = new ArrayList<>();
            List<CfnNagCorpus.Expectation> expectations = ruleScoped(cfnNag.id());
            for (CfnNagCorpus.Expectation x : expectations.isEmpty() ? fromFullRuns(cfnNag.id()) : expectations) {
                rows.add(outcome(x, cfnNag, ourIds));
            }
            out.add(new RuleAgreement(cfnNag, List.copyOf(ourIds), List.copyOf(rows)));
        }
        return out;
    }

    private List<CfnNagCorpus.Expectation> ruleScoped(String id) {
        return corpus.expectations().stream().filter(x -> x.ruleScope() && x.ruleId().equals(id)).toList();
    }

    /**
     * For a cfn_nag rule no spec runs alone: what the specs that assert cfn_nag's complete violation list (scope
     * {@code full}) imply for it, one row per such template (the ids listed for the rule, or none). Templates cfn_nag
     * rejects as FATAL say nothing about a rule and are left out.
     */
    private List<CfnNagCorpus.Expectation> fromFullRuns(String id) {
        Map<String, List<CfnNagCorpus.Expectation>> byRun = new LinkedHashMap<>();
        for (CfnNagCorpus.Expectation x : corpus.expectations()) {
            if (!x.ruleScope()) {
                byRun.computeIfAbsent(x.template() + "\u0000" + x.inputs(), k -> new ArrayList<>()).add(x);
            }
        }
        List<CfnNagCorpus.Expectation> out = new ArrayList<>();
        for (List<CfnNagCorpus.Expectation> run : byRun.values()) {
            if (run.stream().anyMatch(x -> x.ruleId().equals("FATAL"))) {
                continue;
            }
            Set<String> flagged = new TreeSet<>();
            List<String> specs = new ArrayList<>();
            for (CfnNagCorpus.Expectation x : run) {
                if (x.ruleId().equals(id)) {
                    flagged.addAll(x.flagged());
                    specs.add(x.spec());
                }
            }
            CfnNagCorpus.Expectation first = run.get(0);
            out.add(new CfnNagCorpus.Expectation(first.template(), id, Set.copyOf(flagged), first.scope(),
                    first.inputs(), specs.isEmpty() ? first.spec() : String.join(";", specs)));
        }
        return out;
    }

    private RowOutcome outcome(CfnNagCorpus.Expectation x, CfnNagCorpus.CfnNagRule cfnNag, Set<String> ourIds) {
        Map<String, String> parameters = new LinkedHashMap<>();
        Map<String, Boolean> conditions = new LinkedHashMap<>();
        for (String input : x.inputs().split(";")) {
            if (input.equals("-") || input.equals("param_defaults")) {
                // We always resolve parameters to their defaults; cfn-model does so only when asked.
                continue;
            }
            if (input.startsWith("params:")) {
                parameters.putAll(parameterValues(read(input.substring("params:".length()))));
            } else if (input.startsWith("params_json:")) {
                parameters.putAll(parameterValues(input.substring("params_json:".length())));
            } else if (input.startsWith("conditions_json:")) {
                conditionValues(input.substring("conditions_json:".length())).forEach(conditions::put);
            } else {
                return new RowOutcome(x, Set.of(), null, "cfn_nag input with no counterpart: " + input);
            }
        }
        Evaluated evaluated = evaluate(x.template(), new Inputs(parameters, null, null));
        if (evaluated.error() != null) {
            return new RowOutcome(x, Set.of(), evaluated.error(), null);
        }
        Set<String> flagged = new TreeSet<>();
        for (Finding f : evaluated.evaluation().findings()) {
            if (ourIds.contains(f.ruleId()) && f.resource() != null
                    && cfnNag.reports(SAM_EXPANSION.getOrDefault(f.resourceType(), f.resourceType()))
                    && holdsUnder(f.scenario(), conditions)) {
                flagged.add(f.resource());
            }
        }
        return new RowOutcome(x, Set.copyOf(flagged), null, null);
    }

    /** The evaluation of a template with these inputs, or the reason it was rejected; evaluated once. */
    private Evaluated evaluate(String template, Inputs inputs) {
        return evaluations.computeIfAbsent(template + "\u0000" + new TreeMap<>(inputs.parameters()), k -> {
            try {
                Template parsed = new TemplateParser().parse(corpus.root().resolve(template), template);
                return new Evaluated(engine.evaluate(LanguageExtensions.expand(parsed, inputs), inputs), null);
            } catch (InputException e) {
                InputError error = e.toError();
                return new Evaluated(null, (error.line() == null ? "" : "line " + error.line() + ": ") + error.message());
            }
        });
    }

    /**
     * Whether a finding labelled with the scenarios it holds in ({@code null}: all; {@code A=true, B=false}; or such
     * conjunctions joined by {@code or}) holds when the given conditions have the given values.
     */
    static boolean holdsUnder(String scenario, Map<String, Boolean> conditions) {
        if (scenario == null || conditions.isEmpty()) {
            return true;
        }
        for (String conjunction : scenario.split(" or ")) {
            boolean consistent = true;
            for (String assumption : conjunction.replaceAll("^\\(|\\)$", "").split(", ")) {
                int eq = assumption.lastIndexOf('=');
                Boolean given = conditions.get(assumption.substring(0, eq));
                if (given != null && given != Boolean.parseBoolean(assumption.substring(eq + 1))) {
                    consistent = false;
                }
            }
            if (consistent) {
                return true;
            }
        }
        return false;
    }

    /** cfn_nag's parameter-values form, {@code {"Parameters": {"K": value}}}, as the strings CloudFormation passes. */
    private static Map<String, String> parameterValues(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode parameters = tree(json).path("Parameters");
        for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            out.put(p.getKey(), p.getValue().isContainerNode() ? p.getValue().toString() : p.getValue().asText());
        }
        return out;
    }

    private static Map<String, Boolean> conditionValues(String json) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree(json).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> c = it.next();
            out.put(c.getKey(), c.getValue().asBoolean());
        }
        return out;
    }

    private static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String read(String relative) {
        try {
            return Files.readString(corpus.root().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** cfn_nag's order: failures before warnings, then by number ({@code F2} before {@code F10}). */
    static int compareIds(String a, String b) {
        int c = Character.compare(a.charAt(0), b.charAt(0));
        if (c != 0) {
            return c;
        }
        try {
            return Integer.compare(Integer.parseInt(a.substring(1)), Integer.parseInt(b.substring(1)));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
