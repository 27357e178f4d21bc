package dev.portcullis.gate;

import java.util.List;

import dev.portcullis.catalog.CheckRegistry;
import dev.portcullis.checks.iam.ManagedPolicyAttached;
import dev.portcullis.checks.iam.NegatedElement;
import dev.portcullis.checks.iam.PrivilegedActions;
import dev.portcullis.checks.iam.PublicPrincipal;
import dev.portcullis.checks.iam.WebIdentityTrust;
import dev.portcullis.checks.iam.WildcardAction;
import dev.portcullis.checks.iam.WildcardResource;
import dev.portcullis.checks.network.NaclOpenPorts;
import dev.portcullis.checks.network.WorldOpenPorts;
import dev.portcullis.checks.relations.BucketAccessLogging;
import dev.portcullis.checks.relations.BucketKmsEncryption;
import dev.portcullis.checks.relations.BucketPublicPolicy;
import dev.portcullis.checks.relations.BucketSecureTransport;
import dev.portcullis.checks.relations.NaclDenyShadowed;
import dev.portcullis.checks.relations.ReferencedBy;
import dev.portcullis.checks.schema.PropertyValidation;
import dev.portcullis.checks.secrets.AwsCredentials;
import dev.portcullis.checks.secrets.EnvironmentSecrets;
import dev.portcullis.checks.secrets.SecretParameters;
import dev.portcullis.checks.secrets.SecretProperties;
import dev.portcullis.engine.ResourceCheck;

/** The checks the gate runs by default, and the Java checks rule files may name. */
final class Checks {

    private Checks() {
    }

    static List<ResourceCheck> builtIn() {
        return List.of(new PropertyValidation());
    }

    /** The Java checks of the rule catalog, by the name rule files use in {@code check:}. One line per check. */
    private static final CheckRegistry RULE_CHECKS = CheckRegistry.builder()
            .add("iam.wildcard-action", new WildcardAction())
            .add("iam.allow-negated-element", new NegatedElement())
            .add("iam.public-principal", new PublicPrincipal())
            .add("iam.privileged-actions", new PrivilegedActions())
            .add("iam.wildcard-resource", new WildcardResource())
            .add("iam.managed-policy", new ManagedPolicyAttached())
            .add("iam.web-identity-trust", new WebIdentityTrust())
            .add("network.world-open-ports", new WorldOpenPorts())
            .add("network.nacl-open-ports", new NaclOpenPorts())
            .add("relations.bucket-secure-transport", new BucketSecureTransport())
            .add("relations.bucket-public-policy", new BucketPublicPolicy())
            .add("relations.bucket-kms-encryption", new BucketKmsEncryption())
            .add("relations.bucket-access-logging", new BucketAccessLogging())
            .add("relations.nacl-deny-shadowed", new NaclDenyShadowed())
            .add("relations.referenced-by", new ReferencedBy())
            .add("secrets.aws-credentials", new AwsCredentials())
            .add("secrets.secret-properties", new SecretProperties())
            .add("secrets.environment-variables", new EnvironmentSecrets())
            .add("secrets.secret-parameters", new SecretParameters())
            .build();

    static CheckRegistry ruleChecks() {
        return RULE_CHECKS;
    }
}
