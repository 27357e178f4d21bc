package dev.portcullis.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.portcullis.model.Finding;

/**
 * The stable identity of a finding across runs: SHA-256 of rule, file, logical id and property path. The line is
 * left out so that moving or reformatting a resource keeps its fingerprint; the file's template extension is left
 * out so that converting a template between YAML and JSON keeps it too.
 */
public final class Fingerprint {

    /** The key code-scanning tools store it under; the version changes if the recipe ever does. */
    public static final String KEY = "portcullis/v1";

    private static final Pattern TEMPLATE_EXTENSION = Pattern.compile("\\.(json|ya?ml|template)$",
            Pattern.CASE_INSENSITIVE);

    private Fingerprint() {
    }

    /**
     * @param file the finding's file as the report names it (relative to where the check ran, forward slashes)
     */
    public static String of(Finding finding, String file) {
        String stem = TEMPLATE_EXTENSION.matcher(file).replaceFirst("");
        String key = finding.ruleId() + "|" + stem + "|" + (finding.resource() == null ? "" : finding.resource())
                + "|" + finding.path();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
