package dev.portcullis.checks.secrets;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.portcullis.catalog.NoParams;
import dev.portcullis.catalog.RuleCheck;
import dev.portcullis.catalog.Violations;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.model.IntrinsicNode;
import dev.portcullis.model.MappingNode;
import dev.portcullis.model.Node;
import dev.portcullis.model.ScalarNode;
import dev.portcullis.model.SequenceNode;
import dev.portcullis.resolve.Value;

/**
 * {@code secrets.aws-credentials}: an AWS access key id ({@code AKIA...} for a user's long-term key,
 * {@code ASIA...} for a temporary one) or a secret access key in any string of a resource: its evaluated properties
 * (which include parameter defaults and mapping values it uses) and its {@code Metadata} (where
 * {@code AWS::CloudFormation::Init} and {@code Authentication} blocks put files and credentials). A secret key is
 * recognized by its shape (40 characters of base64 with mixed case and a digit) next to a sign that it is one: the
 * word "secret" just before it, a secret-like field name, or an access key id in the same string. AWS's
 * documentation example keys are ignored. Reports at the string; message argument {@code {kind}}.
 */
public final class AwsCredentials implements RuleCheck<NoParams> {

    private static final Pattern KEY_ID = Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])");
    private static final Pattern SECRET_KEY = Pattern.compile("(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");
    private static final int KEY_ID_LENGTH = 20;
    private static final int SECRET_KEY_LENGTH = 40;
    private static final int CONTEXT = 64;
    private static final int MAX_DEPTH = 64;

    @Override
    public Class<NoParams> params() {
        return NoParams.class;
    }

    @Override
    public void evaluate(ResourceContext context, NoParams params, Violations out) {
        if (context.properties() != null) {
            walk(context.properties(), Trail.ROOT, null, out, 0);
        }
        Node metadata = context.resource().node().get("Metadata");
        if (metadata != null) {
            walkRaw(metadata, new Trail(null, "@Metadata"), null, out, 0);
        }
    }

    /**
     * Where the walk is: the finding path is joined only for a string that holds a key, not for every value
     * walked past (most templates hold none, and this rule looks at every string of every resource).
     */
    private record Trail(Trail parent, String segment) {
        static final Trail ROOT = new Trail(null, "");

        Trail then(String next) {
            return new Trail(this, next);
        }

        String path() {
            return parent == null ? segment : join(parent.path(), segment);
        }
    }

    private static void walk(Value value, Trail trail, String field, Violations out, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof Value.Scalar s && s.value() instanceof String text) {
            String kind = credentialIn(text, field);
            if (kind != null) {
                out.fail(value, trail.path(), Map.of("kind", kind));
            }
        } else if (value instanceof Value.Symbolic sym) {
            String kind = credentialIn(sym.text(), field);
            if (kind != null) {
                out.fail(value, trail.path(), Map.of("kind", kind));
            }
        } else if (value instanceof Value.Struct struct) {
            for (Value.Field f : struct.fields()) {
                walk(f.value(), trail.then(f.name()), f.name(), out, depth + 1);
            }
        } else if (value instanceof Value.Seq seq) {
            for (int i = 0; i < seq.items().size(); i++) {
                walk(seq.items().get(i), trail.then(Integer.toString(i)), field, out, depth + 1);
            }
        }
    }

    /** Metadata is not evaluated by the engine: read its text as written, including Fn::Sub templates. */
    private static void walkRaw(Node node, Trail trail, String field, Violations out, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (node instanceof ScalarNode s && s.isString()) {
            String kind = credentialIn((String) s.value(), field);
            if (kind != null) {
                out.fail(s.span(), trail.path(), Map.of("kind", kind));
            }
        } else if (node instanceof MappingNode m) {
            for (MappingNode.Entry e : m.entries()) {
                walkRaw(e.value(), trail.then(e.name()), e.name(), out, depth + 1);
            }
        } else if (node instanceof SequenceNode seq) {
            for (int i = 0; i < seq.size(); i++) {
                walkRaw(seq.get(i), trail.then(Integer.toString(i)), field, out, depth + 1);
            }
        } else if (node instanceof IntrinsicNode f) {
            walkRaw(f.argument(), trail, field, out, depth + 1);
        }
    }

    /** "access key id" or "secret access key" when the text holds one, else null. */
    static String credentialIn(String text, String field) {
        // Both patterns need a run of 20 (key id) or 40 (secret key) key characters: most strings have none, and
        // are passed without running the expressions.
        int run = longestKeyRun(text);
        if (run < KEY_ID_LENGTH) {
            return null;
        }
        Matcher id = KEY_ID.matcher(text);
        boolean hasId = false;
        while (id.find()) {
            if (!id.group().endsWith("EXAMPLE")) {
                hasId = true;
                break;
            }
        }
        Matcher secret = SECRET_KEY.matcher(text);
        while (run >= SECRET_KEY_LENGTH && secret.find()) {
            String candidate = secret.group();
            if (candidate.contains("EXAMPLE") || !looksRandom(candidate)) {
                continue;
            }
            String before = text.substring(Math.max(0, secret.start() - CONTEXT), secret.start()).toLowerCase(Locale.ROOT);
            if (hasId || before.contains("secret") || (field != null && SecretName.isSecret(field))) {
                return "secret access key";
            }
        }
        return hasId ? "access key id" : null;
    }

    /** The longest run of characters a key id or secret key is made of ({@code [A-Za-z0-9/+]}). */
    private static int longestKeyRun(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '+') {
                run++;
                longest = Math.max(longest, run);
            } else {
                run = 0;
            }
        }
        return longest;
    }

    /** Upper and lower case letters and a digit: generated key material, not a word, a path or a hex digest. */
    private static boolean looksRandom(String s) {
        return s.chars().anyMatch(Character::isUpperCase) && s.chars().anyMatch(Character::isLowerCase)
                && s.chars().anyMatch(Character::isDigit);
    }

    private static String join(String path, String segment) {
        return path.isEmpty() ? segment : path + "/" + segment;
    }
}
