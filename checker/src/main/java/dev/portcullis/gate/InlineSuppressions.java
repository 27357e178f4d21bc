package dev.portcullis.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.portcullis.model.InputError;
import dev.portcullis.model.MappingNode;
import dev.portcullis.model.Node;
import dev.portcullis.model.Resource;
import dev.portcullis.model.ScalarNode;
import dev.portcullis.model.SequenceNode;
import dev.portcullis.model.Suppression;
import dev.portcullis.model.Template;

/**
 * The suppressions written in a template's {@code Metadata}: ours ({@code portcullis: {suppress: [{id, reason}]}},
 * on a resource or on the whole template), and those of cfn_nag ({@code cfn_nag: {rules_to_suppress: [{id,
 * reason}]}}) and checkov ({@code checkov: {skip: [{id, comment}]}}) on a resource, which suppress every rule whose
 * {@code equivalents} name that id, so a team moving to Portcullis keeps the waivers it already wrote.
 *
 * <p>Ours are checked strictly, since a suppression that silently does nothing or suppresses the wrong thing is
 * worse than an error: a missing or blank reason, an unknown rule id, or a misspelt key is an error at its line
 * (the template's findings are still reported, and the run exits 3). The other tools' entries are taken as those
 * tools take them: ids we have no equivalent for are skipped, and a reason is not required.
 */
final class InlineSuppressions {

    /** One suppression: the rules it covers, on one resource or (when {@code resource} is null) the whole file. */
    record Entry(String resource, Set<String> rules, Suppression suppression) {
    }

    /** What a template's Metadata says, and the problems with our own entries. */
    record Read(List<Entry> entries, List<InputError> errors) {
    }

    static final String OURS = "portcullis";

    private final RuleIndex index;
    private final String file;
    private final List<Entry> entries = new ArrayList<>();
    private final List<InputError> errors = new ArrayList<>();

    private InlineSuppressions(RuleIndex index, String file) {
        this.index = index;
        this.file = file;
    }

    static Read read(Template template, RuleIndex index) {
        InlineSuppressions reader = new InlineSuppressions(index, template.file());
        MappingNode metadata = template.root().mapping("Metadata");
        if (metadata != null) {
            reader.ours(metadata, null);
        }
        for (Resource resource : template.resources().values()) {
            MappingNode resourceMetadata = resource.node().mapping("Metadata");
            if (resourceMetadata != null) {
                reader.ours(resourceMetadata, resource.logicalId());
                reader.foreign(resourceMetadata, resource.logicalId(), "cfn_nag", "rules_to_suppress", "reason");
                reader.foreign(resourceMetadata, resource.logicalId(), "checkov", "skip", "comment");
            }
        }
        return new Read(List.copyOf(reader.entries), List.copyOf(reader.errors));
    }

    private void ours(MappingNode metadata, String resource) {
        Node section = metadata.get(OURS);
        if (section == null) {
            return;
        }
        String where = "Metadata." + OURS;
        if (!(section instanceof MappingNode m)) {
            error(section, where + " must be a mapping with 'suppress'");
            return;
        }
        for (MappingNode.Entry e : m.entries()) {
            if (!e.name().equals("suppress")) {
                error(e.key(), "unknown key '" + e.name() + "' in " + where + " (expected 'suppress')");
            }
        }
        Node suppress = m.get("suppress");
        if (suppress == null) {
            return;
        }
        if (!(suppress instanceof SequenceNode list)) {
            error(suppress, where + ".suppress must be a list of {id, reason}");
            return;
        }
        for (Node item : list.items()) {
            if (!(item instanceof MappingNode entry)) {
                error(item, where + ".suppress entries must be {id, reason}");
                continue;
            }
            for (MappingNode.Entry e : entry.entries()) {
                if (!e.name().equals("id") && !e.name().equals("reason")) {
                    error(e.key(), "unknown key '" + e.name() + "' in a " + where + ".suppress entry (expected id "
                            + "and reason)");
                }
            }
            String id = text(entry.get("id"));
            String reason = text(entry.get("reason"));
            if (id == null) {
                error(entry, where + ".suppress entry without a rule 'id'");
                continue;
            }
            if (!index.knows(id)) {
                error(entry.get("id"), where + ".suppress names no rule '" + id + "'");
                continue;
            }
            if (reason == null || reason.isBlank()) {
                error(entry, where + ".suppress of " + id + " has no 'reason': say why the finding is accepted");
                continue;
            }
            String source = resource == null ? where + " (template)" : where;
            entries.add(new Entry(resource, Set.of(id),
                    new Suppression(Suppression.Kind.INLINE, source, reason.strip(), null, null, false)));
        }
    }

    /** Another tool's suppressions, lenient as that tool is: entries we cannot use are skipped, not errors. */
    private void foreign(MappingNode metadata, String resource, String tool, String listKey, String reasonKey) {
        if (!(metadata.get(tool) instanceof MappingNode section)
                || !(section.get(listKey) instanceof SequenceNode list)) {
            return;
        }
        for (Node item : list.items()) {
            if (!(item instanceof MappingNode entry)) {
                continue;
            }
            String id = text(entry.get("id"));
            if (id == null) {
                continue;
            }
            Set<String> rules = index.equivalentsOf(tool, id.strip());
            if (rules.isEmpty()) {
                continue;
            }
            String reason = text(entry.get(reasonKey));
            entries.add(new Entry(resource, rules, new Suppression(Suppression.Kind.INLINE,
                    "Metadata." + tool + " (" + id.strip() + ")",
                    reason == null || reason.isBlank() ? null : reason.strip(), null, null, false)));
        }
    }

    private static String text(Node node) {
        return node instanceof ScalarNode s && s.value() instanceof String str ? str : null;
    }

    private void error(Node at, String message) {
        errors.add(new InputError(file, at.span().isSynthetic() ? null : at.span().line(), message));
    }
}
