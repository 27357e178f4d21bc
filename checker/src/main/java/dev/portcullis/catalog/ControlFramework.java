package dev.portcullis.catalog;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The compliance frameworks a rule's {@code controls} may name, told apart by the id's form: a plain
 * {@code S3.8} is an AWS Security Hub FSBP control, {@code CIS-AWS-1.4:2.1.1} a CIS AWS Foundations
 * recommendation, {@code NIST-800-53:SC-7} a NIST SP 800-53 rev. 5 control.
 */
public enum ControlFramework {
    FSBP("fsbp", "AWS Foundational Security Best Practices", Pattern.compile("[A-Za-z][A-Za-z0-9]*\\.[0-9]+")),
    CIS_AWS("cis-aws", "CIS AWS Foundations Benchmark", Pattern.compile("CIS-AWS-[0-9]+(\\.[0-9]+)*:[0-9]+(\\.[0-9]+)*")),
    NIST_800_53("nist-800-53", "NIST SP 800-53 rev. 5", Pattern.compile("NIST-800-53:[A-Z]{2}-[0-9]+(\\([0-9]+\\))?"));

    private final String key;
    private final String title;
    private final Pattern form;

    ControlFramework(String key, String title, Pattern form) {
        this.key = key;
        this.title = title;
        this.form = form;
    }

    /** The name packs use: {@code fsbp}, {@code cis-aws}, {@code nist-800-53}. */
    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    /** The framework a control id belongs to, or null when it has none of the three forms. */
    public static ControlFramework of(String controlId) {
        for (ControlFramework f : values()) {
            if (f.form.matcher(controlId).matches()) {
                return f;
            }
        }
        return null;
    }

    public static ControlFramework byKey(String key) {
        for (ControlFramework f : values()) {
            if (f.key.equals(key.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown framework '" + key + "' (expected fsbp, cis-aws or nist-800-53)");
    }
}
