package dev.portcullis.checks.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a property or variable name says it holds a secret. The name is split into words ({@code
 * MasterUserPassword} → master user password, {@code DB_PASSWORD} → db password, {@code HECToken} → hec token) and
 * its last word (or last two) decides: {@code PasswordLength}, {@code SecretArn} and {@code TOKEN_TABLE} name
 * things about secrets, not secrets.
 */
public final class SecretName {

    private static final Set<String> LAST_WORDS = Set.of(
            "password", "passwords", "passwd", "pwd", "passphrase", "secret", "token", "apikey", "credential",
            "credentials");

    private static final Set<String> LAST_TWO_WORDS = Set.of(
            "api key", "private key", "secret key", "token key", "shared key", "signing key", "access key secret",
            "client secret", "auth key", "master key", "secret string", "access key", "auth data");

    /** Names that end like a secret but are not one: idempotency and pagination tokens, custom resource targets. */
    private static final Set<String> NOT_SECRETS = Set.of(
            "client token", "version token", "service token", "billing token", "idempotency token", "next token",
            "continuation token", "page token");

    /** Environment variable names AWS tools read credentials from, whatever their words say. */
    private static final Set<String> CREDENTIAL_VARIABLES = Set.of("aws_access_key_id", "aws_secret_access_key",
            "aws_session_token", "ecs_engine_auth_data");

    /** One of these is in every word of LAST_WORDS, every last word of LAST_TWO_WORDS and every credential variable. */
    private static final List<String> FRAGMENTS = List.of("pass", "pwd", "secret", "token", "key", "credential",
            "auth");

    private SecretName() {
    }

    public static boolean isSecret(String name) {
        if (!mentionsSecret(name)) {
            return false;
        }
        if (CREDENTIAL_VARIABLES.contains(name.toLowerCase(Locale.ROOT))) {
            return true;
        }
        List<String> words = words(name);
        if (words.isEmpty()) {
            return false;
        }
        String last = words.get(words.size() - 1);
        String lastTwo = words.size() >= 2 ? words.get(words.size() - 2) + " " + last : last;
        if (NOT_SECRETS.contains(lastTwo)) {
            return false;
        }
        if (LAST_WORDS.contains(last)) {
            return true;
        }
        return words.size() >= 2 && LAST_TWO_WORDS.contains(lastTwo);
    }

    /**
     * Whether the name, lower-cased letter by letter as {@link #words} does, contains a fragment every secret name
     * ends with (each word and credential variable above contains one). Most property names contain none, and are
     * answered without splitting them into words.
     */
    private static boolean mentionsSecret(String name) {
        StringBuilder lower = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            lower.append(Character.toLowerCase(name.charAt(i)));
        }
        for (String fragment : FRAGMENTS) {
            if (lower.indexOf(fragment) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Lower-case words of a camelCase, PascalCase, snake_case, kebab-case or dotted name. */
    static List<String> words(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(word, out);
                continue;
            }
            boolean upper = Character.isUpperCase(c);
            if (upper && word.length() > 0) {
                char prev = name.charAt(i - 1);
                boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
                // "userPassword" splits before P; "HECToken" splits before the T that starts "Token".
                if (Character.isLowerCase(prev) || Character.isDigit(prev) || (Character.isUpperCase(prev) && nextLower)) {
                    flush(word, out);
                }
            }
            word.append(Character.toLowerCase(c));
        }
        flush(word, out);
        return out;
    }

    private static void flush(StringBuilder word, List<String> out) {
        if (word.length() > 0) {
            out.add(word.toString().toLowerCase(Locale.ROOT));
            word.setLength(0);
        }
    }
}
