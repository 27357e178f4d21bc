package dev.portcullis.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

/**
 * The gate end to end on the sample repository {@code fixtures/e2e-repo} (see its README): a committed baseline,
 * a waiver that expired yesterday, an inline suppression, an inline suppression the configuration forbids, a
 * waiver on a finding the baseline also holds, and one new finding. Every expected line below is worked out from
 * the fixture's files by hand: line and column of the resource key where a property is missing, of the
 * offending value otherwise.
 *
 * <p>Each test runs on a fresh copy of the sample, made a repository root with a {@code .git} directory so the
 * configuration walk stops there, as in a clone.
 */
class SampleRepositoryTest {

    /** The waiver for ReportsBucket expired yesterday: its last day was 2026-11-23. */
    private static final String TODAY = "2026-11-24";
    private static final String TODAY_NOTICE =
            "portcullis: waivers are judged as of 2026-11-24 (PORTCULLIS_TODAY is set)\n";

    /** What a plain {@code portcullis check infra} prints: the findings that count, each with its code frame. */
    private static final String ACTIVE = """
            infra/app.yaml:14:3  medium  s3-bucket-access-logging  ReportsBucket  S3 bucket ReportsBucket has no \
            server access logging  [waiver .portcullis/waivers.yaml:3 (owner data-team) expired on 2026-11-23]
              13 |         DestinationBucketName: acme-access-logs
            > 14 |   ReportsBucket:
                 |   ^
              15 |     Type: AWS::S3::Bucket

            infra/app.yaml:19:3  medium  s3-bucket-access-logging  UploadsBucket  S3 bucket UploadsBucket has no \
            server access logging
              18 |         Status: Enabled
            > 19 |   UploadsBucket:
                 |   ^
              20 |     Type: AWS::S3::Bucket

            infra/network.yaml:17:19  critical  ec2-sg-no-world-admin-ports  AdminSecurityGroup  AdminSecurityGroup \
            opens port 22 (rule range 22) to 0.0.0.0/0  [the inline suppression in Metadata.portcullis is not allowed \
            for this finding by the project configuration (suppressions.inline.forbid): waive it in \
            .portcullis/waivers.yaml instead]
              16 |           ToPort: 22
            > 17 |           CidrIp: 0.0.0.0/0
                 |                   ^

            """;

    private static final String SUMMARY = "3 findings (1 critical, 2 medium) in 3 templates, 5 suppressed\n";

    /** What {@code --show-suppressed} adds before the summary. */
    private static final String SUPPRESSED = """
            Suppressed: not counted against --fail-on
            infra/app.yaml:4:3  medium  s3-bucket-versioning  CacheBucket  S3 bucket CacheBucket does not have \
            versioning enabled  [suppressed by inline Metadata.portcullis: Holds a rebuildable cache]
            infra/storage.yaml:4:3  medium  s3-bucket-access-logging  LegacyBucket  S3 bucket LegacyBucket has no \
            server access logging  [suppressed by baseline .portcullis-baseline.json: in baseline]
            infra/storage.yaml:4:3  medium  s3-bucket-versioning  LegacyBucket  S3 bucket LegacyBucket does not have \
            versioning enabled  [suppressed by baseline .portcullis-baseline.json: in baseline]
            infra/storage.yaml:6:3  medium  s3-bucket-access-logging  ArchiveBucket  S3 bucket ArchiveBucket has no \
            server access logging  [suppressed by waiver .portcullis/waivers.yaml:9 (owner platform-team), until \
            2027-06-30: Archive reads are logged by CloudTrail data events]
            infra/storage.yaml:6:3  medium  s3-bucket-versioning  ArchiveBucket  S3 bucket ArchiveBucket does not have \
            versioning enabled  [suppressed by baseline .portcullis-baseline.json: in baseline]

            """;

    /**
     * Every finding, in report order: where, which rule, which resource, and what became of it. "active" counts
     * against --fail-on; "expired" and "forbidden" are active findings whose suppression does not hold.
     */
    private static final List<String> FINDINGS = List.of(
            "infra/app.yaml:4:3 s3-bucket-versioning CacheBucket suppressed inline",
            "infra/app.yaml:14:3 s3-bucket-access-logging ReportsBucket active waiver expired",
            "infra/app.yaml:19:3 s3-bucket-access-logging UploadsBucket active",
            "infra/network.yaml:17:19 ec2-sg-no-world-admin-ports AdminSecurityGroup active inline forbidden",
            "infra/storage.yaml:4:3 s3-bucket-access-logging LegacyBucket suppressed baseline",
            "infra/storage.yaml:4:3 s3-bucket-versioning LegacyBucket suppressed baseline",
            "infra/storage.yaml:6:3 s3-bucket-access-logging ArchiveBucket suppressed waiver",
            "infra/storage.yaml:6:3 s3-bucket-versioning ArchiveBucket suppressed baseline");

    /**
     * The same findings in SARIF: suppressions only where one holds (inSource for inline, external for waivers and
     * the baseline), and whether the baseline held each one. ArchiveBucket's access logging is waived and was in
     * the baseline before the waiver was written: unchanged, not new.
     */
    private static final List<String> SARIF_RESULTS = List.of(
            "infra/app.yaml:4:3 s3-bucket-versioning CacheBucket new inSource",
            "infra/app.yaml:14:3 s3-bucket-access-logging ReportsBucket new -",
            "infra/app.yaml:19:3 s3-bucket-access-logging UploadsBucket new -",
            "infra/network.yaml:17:19 ec2-sg-no-world-admin-ports AdminSecurityGroup new -",
            "infra/storage.yaml:4:3 s3-bucket-access-logging LegacyBucket unchanged external",
            "infra/storage.yaml:4:3 s3-bucket-versioning LegacyBucket unchanged external",
            "infra/storage.yaml:6:3 s3-bucket-access-logging ArchiveBucket unchanged external",
            "infra/storage.yaml:6:3 s3-bucket-versioning ArchiveBucket unchanged external");

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path repo;
    Path reports;

    @BeforeEach
    void cloneTheSample() throws IOException {
        repo = dir.resolve("repo");
        copy(sample(), repo);
        Files.createDirectory(repo.resolve(".git"));
        reports = Files.createDirectory(dir.resolve("reports"));
    }

    private Portcullis.Run portcullis(String... args) throws IOException, InterruptedException {
        return new Portcullis(repo, TODAY).run(args);
    }

    @Test
    void theGateFailsOnTheNewFindingTheExpiredWaiverAndTheForbiddenSuppressionOnly() throws Exception {
        Portcullis.Run run = portcullis("check", "infra");

        assertEquals(1, run.exit(), run.toString());
        assertEquals(ACTIVE + SUMMARY, run.out());
        assertEquals(TODAY_NOTICE, run.err());
    }

    @Test
    void textJsonAndSarifFromOneRunReportTheSameFindings() throws Exception {
        Path json = reports.resolve("report.json");
        Path sarif = reports.resolve("report.sarif");
        Portcullis.Run run = portcullis("check", "infra", "--show-suppressed", "--output", "text=-",
                "--output", "json=" + json, "--output", "sarif=" + sarif);

        assertEquals(1, run.exit(), run.toString());
        assertEquals(ACTIVE + SUPPRESSED + SUMMARY, run.out());
        assertEquals(TODAY_NOTICE, run.err());

        JsonNode report = JSON.readTree(json.toFile());
        assertEquals(FINDINGS, jsonFindings(report));
        JsonNode summary = report.get("summary");
        assertEquals(3, summary.get("findings").asInt());
        assertEquals(5, summary.get("suppressed").asInt());
        assertEquals(1, summary.get("bySeverity").get("critical").asInt());
        assertEquals(2, summary.get("bySeverity").get("medium").asInt());
        assertEquals(0, summary.get("errors").asInt());
        assertEquals(List.of(), list(report.get("errors")));
        JsonNode expired = finding(report, "ReportsBucket").get("suppression");
        assertEquals("2026-11-23", expired.get("expires").asText());
        assertEquals(".portcullis/waivers.yaml:3", expired.get("source").asText());
        assertEquals("data-team", expired.get("owner").asText());

        JsonNode run0 = JSON.readTree(sarif.toFile()).get("runs").get(0);
        assertEquals(SARIF_RESULTS, sarifResults(run0));
        assertEquals(repo.toUri().toString(), run0.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asText());
        assertTrue(sarifResult(run0, "ReportsBucket").get("message").get("text").asText()
                .endsWith("(waiver .portcullis/waivers.yaml:3 (owner data-team) expired on 2026-11-23)"));
        assertTrue(sarifResult(run0, "AdminSecurityGroup").get("message").get("text").asText()
                .contains("is not allowed for this finding by the project configuration"));
        assertEquals("Archive reads are logged by CloudTrail data events", sarifResult(run0, "ArchiveBucket",
                "s3-bucket-access-logging").get("suppressions").get(0).get("justification").asText());
    }

    @Test
    void theSarifReportIsValidSarif() throws Exception {
        Path sarif = reports.resolve("report.sarif");
        Portcullis.Run run = portcullis("check", "infra", "--format", "sarif", "--output", sarif.toString());
        assertEquals(1, run.exit(), run.toString());

        Schema schema = sarifSchema();
        List<String> errors = schema.validate(JSON.readTree(sarif.toFile())).stream().map(Error::toString).toList();
        assertEquals(List.of(), errors);
    }

    @Test
    void theDayBeforeTheWaiverStillHeld() throws Exception {
        Portcullis.Run run = new Portcullis(repo, "2026-11-23").run("check", "infra", "--format", "json");

        assertEquals(1, run.exit(), run.toString());
        List<String> findings = jsonFindings(JSON.readTree(run.out()));
        assertEquals("infra/app.yaml:14:3 s3-bucket-access-logging ReportsBucket suppressed waiver", findings.get(1));
        assertEquals(List.of("infra/app.yaml:19:3 s3-bucket-access-logging UploadsBucket active",
                        "infra/network.yaml:17:19 ec2-sg-no-world-admin-ports AdminSecurityGroup active inline "
                                + "forbidden"),
                findings.stream().filter(f -> f.contains(" active")).toList());
    }

    @Test
    void aTodayThatIsNotADateIsAUsageError() throws Exception {
        Portcullis.Run run = new Portcullis(repo, "yesterday").run("check", "infra");
        assertEquals(2, run.exit(), run.toString());
        assertEquals("", run.out());
        assertEquals("portcullis: PORTCULLIS_TODAY: expected a date like 2026-11-24 but was 'yesterday'\n", run.err());
    }

    /**
     * {@code baseline create} in the sample takes the project configuration as {@code check} does: its pack, its
     * waivers and inline policy, and its {@code baseline:} file. It records the findings nothing else suppresses
     * (the baseline's own are recorded again); the waived, inline-suppressed, expired and forbidden ones are left
     * to their owners. The new finding is then in the baseline; the expired waiver and the forbidden suppression
     * still fail the build.
     */
    @Test
    void baselineCreateTakesTheProjectConfiguration() throws Exception {
        Portcullis.Run create = portcullis("baseline", "create", "infra");
        assertEquals(0, create.exit(), create.toString());
        assertEquals("Recorded 4 findings in .portcullis-baseline.json\n", create.out());
        assertEquals(TODAY_NOTICE, create.err());

        JsonNode baseline = JSON.readTree(repo.resolve(".portcullis-baseline.json").toFile());
        List<String> entries = new ArrayList<>();
        for (JsonNode entry : baseline.get("findings")) {
            entries.add(entry.get("file").asText() + " " + entry.get("resource").asText() + " "
                    + entry.get("ruleId").asText() + " " + entry.get("count").asInt());
        }
        assertEquals(List.of(
                "infra/app.yaml UploadsBucket s3-bucket-access-logging 1",
                "infra/storage.yaml ArchiveBucket s3-bucket-versioning 1",
                "infra/storage.yaml LegacyBucket s3-bucket-access-logging 1",
                "infra/storage.yaml LegacyBucket s3-bucket-versioning 1"), entries);

        Portcullis.Run check = portcullis("check", "infra", "--format", "json");
        assertEquals(1, check.exit(), check.toString());
        List<String> findings = jsonFindings(JSON.readTree(check.out()));
        assertEquals("infra/app.yaml:19:3 s3-bucket-access-logging UploadsBucket suppressed baseline",
                findings.get(2));
        assertEquals(List.of("infra/app.yaml:14:3 s3-bucket-access-logging ReportsBucket active waiver expired",
                        "infra/network.yaml:17:19 ec2-sg-no-world-admin-ports AdminSecurityGroup active inline "
                                + "forbidden"),
                findings.stream().filter(f -> f.contains(" active")).toList());
    }

    /** Without the configuration the same command runs every rule: the configuration is what narrowed it. */
    @Test
    void withoutTheConfigurationEveryRuleRuns() throws Exception {
        Portcullis.Run run = portcullis("check", "infra", "--no-config", "--format", "json");
        assertEquals(1, run.exit(), run.toString());
        JsonNode report = JSON.readTree(run.out());
        assertTrue(report.get("summary").get("findings").asInt() > FINDINGS.size(), run.out());
        assertEquals(0, report.get("summary").get("suppressed").asInt() - countInline(report), run.out());
    }

    /** Suppressed findings without the configuration are the inline ones only (no waivers, no baseline). */
    private static int countInline(JsonNode report) {
        int n = 0;
        for (JsonNode f : report.get("findings")) {
            JsonNode s = f.get("suppression");
            if (s != null && s.get("suppressed").asBoolean()) {
                assertEquals("inline", s.get("kind").asText(), f.toString());
                n++;
            }
        }
        return n;
    }

    private static List<String> jsonFindings(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            JsonNode s = f.get("suppression");
            String state;
            if (s == null) {
                state = "active";
            } else if (s.get("suppressed").asBoolean()) {
                state = "suppressed " + s.get("kind").asText();
            } else {
                state = "active " + s.get("kind").asText() + (s.get("expired").asBoolean() ? " expired" : "")
                        + (s.get("forbidden").asBoolean() ? " forbidden" : "");
            }
            out.add(f.get("file").asText() + ":" + f.get("line").asInt() + ":" + f.get("column").asInt() + " "
                    + f.get("ruleId").asText() + " " + f.get("resource").asText() + " " + state);
        }
        return out;
    }

    private static JsonNode finding(JsonNode report, String resource) {
        for (JsonNode f : report.get("findings")) {
            if (f.get("resource").asText().equals(resource)) {
                return f;
            }
        }
        throw new AssertionError("no finding on " + resource);
    }

    private static List<String> sarifResults(JsonNode run) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : run.get("results")) {
            JsonNode location = r.get("locations").get(0);
            JsonNode physical = location.get("physicalLocation");
            assertEquals("%SRCROOT%", physical.get("artifactLocation").get("uriBaseId").asText());
            JsonNode suppressions = r.get("suppressions");
            out.add(physical.get("artifactLocation").get("uri").asText() + ":"
                    + physical.get("region").get("startLine").asInt() + ":"
                    + physical.get("region").get("startColumn").asInt() + " "
                    + r.get("ruleId").asText() + " "
                    + location.get("logicalLocations").get(0).get("name").asText() + " "
                    + r.get("baselineState").asText() + " "
                    + (suppressions == null ? "-" : suppressions.get(0).get("kind").asText()));
        }
        return out;
    }

    private static JsonNode sarifResult(JsonNode run, String resource) {
        return sarifResult(run, resource, null);
    }

    private static JsonNode sarifResult(JsonNode run, String resource, String rule) {
        for (JsonNode r : run.get("results")) {
            if (r.get("locations").get(0).get("logicalLocations").get(0).get("name").asText().equals(resource)
                    && (rule == null || r.get("ruleId").asText().equals(rule))) {
                return r;
            }
        }
        throw new AssertionError("no result on " + resource);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    /** The published SARIF 2.1.0 schema from the shared data, as the checker's own tests use it. */
    private static Schema sarifSchema() throws IOException {
        String shared = System.getProperty("portcullis.shared");
        assumeTrue(shared != null, "portcullis.shared is not set");
        Path file = Path.of(shared, "schemas", "sarif-schema-2.1.0.json");
        assumeTrue(Files.isRegularFile(file), file + " is absent");
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().locale(Locale.ENGLISH).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
                b -> b.schemaRegistryConfig(config));
        return registry.getSchema(JSON.readTree(file.toFile()));
    }

    private static Path sample() {
        String root = System.getProperty("portcullis.root");
        Path base = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
        Path sample = base.resolve("fixtures/e2e-repo");
        assertTrue(Files.isRegularFile(sample.resolve(".portcullis.yaml")), sample + " is not the sample repository");
        return sample;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                Path target = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
