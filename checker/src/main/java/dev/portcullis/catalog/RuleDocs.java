package dev.portcullis.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Generates the catalog's documentation ({@code docs/rules/}): one page per rule ({@code <service>/<id>.md}), an
 * index by service ({@code README.md}) and an index by control ({@code controls.md}). The output depends only on
 * the catalog, so a test can tell when the checked-in pages are stale.
 */
public final class RuleDocs {

    private static final int SNIPPETS = 2;
    private static final Set<String> LOGIC_KEYS = Set.of("when", "assert", "check", "params");

    private RuleDocs() {
    }

    /**
     * Every page by its path relative to the docs folder.
     *
     * @param rulesLink the path from the docs folder to the catalog folder, for links to rule files ({@code ../../rules})
     */
    public static Map<String, String> render(List<Rule> rules, String rulesLink) {
        Map<String, String> pages = new TreeMap<>();
        pages.put("README.md", index(rules));
        pages.put("controls.md", controls(rules));
        for (Rule rule : rules) {
            pages.put(rule.service() + "/" + rule.id() + ".md", page(rule, "../" + rulesLink));
        }
        return pages;
    }

    private static String index(List<Rule> rules) {
        StringBuilder out = new StringBuilder();
        out.append("# Portcullis rules\n\n")
                .append("Generated from `rules/` by the catalog's docs generator; do not edit by hand ")
                .append("(see [rules/README.md](../../rules/README.md) for the format).\n\n");
        long fsbp = rules.stream().filter(r -> !r.controls(ControlFramework.FSBP).isEmpty()).count();
        out.append(rules.size()).append(" rules; ").append(fsbp).append(" mapped to an AWS Security Hub FSBP control. ")
                .append("By control: [controls.md](controls.md).\n\n");
        Map<String, List<Rule>> byService = new TreeMap<>();
        for (Rule r : rules) {
            byService.computeIfAbsent(r.service(), k -> new ArrayList<>()).add(r);
        }
        out.append("| service | rules |\n| --- | --- |\n");
        byService.forEach((service, list) -> out.append("| [").append(service).append("](#").append(anchor(service))
                .append(") | ").append(list.size()).append(" |\n"));
        byService.forEach((service, list) -> {
            out.append("\n## ").append(service).append("\n\n")
                    .append("| rule | severity | title | controls |\n| --- | --- | --- | --- |\n");
            for (Rule r : list) {
                out.append("| [").append(r.id()).append("](").append(service).append('/').append(r.id())
                        .append(".md) | ").append(r.severity().label()).append(" | ").append(cell(r.title()))
                        .append(" | ").append(cell(String.join(", ", r.controls()))).append(" |\n");
            }
        });
        return out.toString();
    }

    private static String controls(List<Rule> rules) {
        StringBuilder out = new StringBuilder();
        out.append("# Rules by control\n\nGenerated; do not edit by hand. Rules by service: [README.md](README.md).\n");
        for (ControlFramework framework : ControlFramework.values()) {
            Map<String, List<Rule>> byControl = new TreeMap<>(RuleDocs::compareControls);
            for (Rule r : rules) {
                for (String c : r.controls(framework)) {
                    byControl.computeIfAbsent(c, k -> new ArrayList<>()).add(r);
                }
            }
            out.append("\n## ").append(framework.title()).append("\n\n");
            if (byControl.isEmpty()) {
                out.append("No rule is mapped to this framework yet.\n");
                continue;
            }
            out.append("| control | rules |\n| --- | --- |\n");
            byControl.forEach((control, list) -> {
                List<String> links = new ArrayList<>();
                for (Rule r : list) {
                    links.add("[" + r.id() + "](" + r.service() + "/" + r.id() + ".md)");
                }
                out.append("| ").append(control).append(" | ").append(String.join(", ", links)).append(" |\n");
            });
        }
        return out.toString();
    }

    /** Orders {@code S3.10} after {@code S3.9}: text parts alphabetically, number parts numerically. */
    static int compareControls(String a, String b) {
        String[] x = a.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
        String[] y = b.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c;
            if (Character.isDigit(x[i].charAt(0)) && Character.isDigit(y[i].charAt(0))) {
                c = new java.math.BigInteger(x[i]).compareTo(new java.math.BigInteger(y[i]));
            } else {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static String page(Rule rule, String rulesLink) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(rule.id()).append("\n\n").append(rule.title()).append("\n\n");
        out.append("| | |\n| --- | --- |\n");
        out.append("| Severity | ").append(rule.severity().label()).append(" |\n");
        out.append("| Resource types | ").append(rule.anyType() ? "every type (`*`)" : codes(rule.resourceTypes()))
                .append(" |\n");
        for (ControlFramework f : ControlFramework.values()) {
            List<String> controls = rule.controls(f);
            if (!controls.isEmpty()) {
                out.append("| ").append(f.title()).append(" | ").append(String.join(", ", controls)).append(" |\n");
            }
        }
        rule.equivalents().forEach((tool, ids) -> out.append("| ").append(tool).append(" | ")
                .append(codes(ids)).append(" |\n"));
        // Only rules with a revert get the row: every other rule is answered with a notification alone.
        rule.declaredRevert().ifPresent(r -> out.append("| Runtime response | ").append(responseText(rule))
                .append(" |\n"));
        String file = rule.service() + "/" + rule.id() + RuleLoader.RULE_SUFFIX;
        out.append("| Rule file | [").append(file).append("](").append(rulesLink).append('/').append(file).append(") |\n");
        out.append("\n## Why it matters\n\n").append(rule.rationale()).append("\n");
        out.append("\n## How to fix\n\n").append(rule.remediation()).append("\n");
        out.append("\n## What is checked\n\n");
        if (rule.check() != null) {
            out.append("The Java check `").append(rule.checkName()).append("`")
                    .append(rule.when() == null ? "" : ", where the `when` condition holds").append(".\n\n");
        }
        out.append("```yaml\n").append(logic(rule)).append("```\n\n")
                .append("Message: ").append(cell(rule.message())).append("\n");
        FixtureSnippets snippets = FixtureSnippets.of(rule, SNIPPETS);
        if (!snippets.nonCompliant().isEmpty() || !snippets.compliant().isEmpty()) {
            out.append("\n## Examples\n");
            for (String s : snippets.nonCompliant()) {
                out.append("\nNon-compliant:\n\n```yaml\n").append(s).append("```\n");
            }
            for (String s : snippets.compliant()) {
                out.append("\nCompliant:\n\n```yaml\n").append(s).append("```\n");
            }
        }
        if (!rule.references().isEmpty()) {
            out.append("\n## References\n\n");
            rule.references().forEach(r -> out.append("- <").append(r).append(">\n"));
        }
        return out.toString();
    }

    /** What the response stack's audit does with a deployed change that violates the rule. */
    public static String responseText(Rule rule) {
        return rule.declaredRevert().map(r -> "notify and revert (`" + r.label() + "`)").orElse("notify");
    }

    /** The rule file's {@code when}, {@code assert}, {@code check} and {@code params} blocks, as written. */
    static String logic(Rule rule) {
        String text = rule.source().text();
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        for (String line : text.split("\r\n|\r|\n")) {
            boolean topLevel = !line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#");
            if (topLevel) {
                int colon = line.indexOf(':');
                inside = colon > 0 && LOGIC_KEYS.contains(line.substring(0, colon).trim());
            }
            if (inside && !line.isBlank()) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static String codes(List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        values.forEach(v -> out.add("`" + v + "`"));
        return String.join(", ", out);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String anchor(String heading) {
        return heading.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
    }
}
