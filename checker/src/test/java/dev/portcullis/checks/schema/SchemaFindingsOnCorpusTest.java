package dev.portcullis.checks.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.portcullis.engine.Engine;
import dev.portcullis.engine.TemplateEvaluation;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputException;
import dev.portcullis.model.Template;
import dev.portcullis.parse.TemplateParser;
import dev.portcullis.resolve.Inputs;
import dev.portcullis.resolve.LanguageExtensions;

/**
 * Property validation over real templates, parsed and resolved as {@code portcullis check} does. The AWS samples
 * deploy, so every schema finding on them would be a false positive; the cfn_nag test templates are minimal
 * and often invalid, which gives known true problems to find at known lines. Files that cannot be evaluated
 * are the gate's corpus test's business and are skipped here.
 */
class SchemaFindingsOnCorpusTest {

    private static final Engine ENGINE = new Engine(List.of(new PropertyValidation()));

    private static Path corpus(String name) {
        String shared = System.getProperty("portcullis.shared");
        Path dir = shared == null ? null : Path.of(shared, "corpus", name);
        assumeTrue(dir != null && Files.isDirectory(dir), "skipped: ../shared/corpus/" + name + " is not present");
        return dir;
    }

    private static TemplateEvaluation evaluate(Path file, Path root) {
        Template parsed = new TemplateParser().parse(file, root.relativize(file).toString());
        return ENGINE.evaluate(LanguageExtensions.expand(parsed, Inputs.NONE), Inputs.NONE);
    }

    private static String describe(Finding f) {
        return f.file() + ":" + f.line() + ":" + f.column() + " " + f.ruleId() + " " + f.path() + " | " + f.message();
    }

    @Test
    void awsSampleTemplatesHaveNoSchemaFindings() throws IOException {
        Path root = corpus("aws-cloudformation-templates");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().matches(".*\\.(json|ya?ml)$")).sorted().toList();
        }
        Set<String> schemaFindings = new TreeSet<>();
        int resources = 0;
        for (Path file : files) {
            TemplateEvaluation evaluation;
            try {
                evaluation = evaluate(file, root);
            } catch (InputException e) {
                continue;
            }
            resources += evaluation.resources();
            for (Finding f : evaluation.findings()) {
                if (f.ruleId().startsWith("schema-")) {
                    schemaFindings.add(describe(f));
                }
            }
        }
        assertTrue(resources > 1500, "only " + resources + " resources evaluated: is the parser in place?");
        assertEquals(Set.of(), schemaFindings);
    }

    @Test
    void cfnNagTemplatesWithKnownProblemsAreReportedAtTheProblem() {
        Path root = corpus("cfn-nag");
        assertFindings(root, "yaml/kendra_index/kendra_index_server_side_encryption_configuration_kms_key_id_not_set.yaml",
                "10:9 schema-unknown-property Resources/KendraIndex/Properties/ServerSideEncryptionConfiguration/FooBar"
                        + " | Unknown property 'FooBar' in 'ServerSideEncryptionConfiguration' for AWS::Kendra::Index");
        assertFindings(root, "yaml/kinesis/kinesis_stream_stream_encryption_defined_encryption_type_none.yaml",
                "17:25 schema-invalid-enum Resources/KinesisStream2/Properties/StreamEncryption/EncryptionType"
                        + " | 'EncryptionType' must be one of KMS; got 'NONE'",
                "25:25 schema-invalid-enum Resources/KinesisStream3/Properties/StreamEncryption/EncryptionType"
                        + " | 'EncryptionType' must be one of KMS; got 'NONE'");
        assertFindings(root, "json/security_group/security_group_open_to_world_on_ingress.json",
                "7:34 schema-wrong-type Resources/sgOpenIngress/Properties/SecurityGroupIngress"
                        + " | 'SecurityGroupIngress' must be a list, got an object");
        assertFindings(root, "yaml/elasticloadbalacingv2_listener/listener_with_http_protocol.yml",
                "8:11 schema-missing-required Resources/HTTPlistener/Properties/DefaultActions/1/Type"
                        + " | Missing required property 'Type' in 'DefaultActions[1]' for AWS::ElasticLoadBalancingV2::Listener");
    }

    private static void assertFindings(Path root, String file, String... expected) {
        Set<String> actual = new TreeSet<>();
        for (Finding f : evaluate(root.resolve(file), root).findings()) {
            actual.add(describe(f).substring(file.length() + 1));
        }
        assertEquals(new TreeSet<>(List.of(expected)), actual, file);
    }
}
