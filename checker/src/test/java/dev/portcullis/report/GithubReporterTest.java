package dev.portcullis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.portcullis.model.CdkOrigin;
import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputError;
import dev.portcullis.model.Severity;
import dev.portcullis.model.Summary;

/** GitHub workflow commands: one line per finding or error, command by severity, escaped per GitHub's rules. */
class GithubReporterTest {

    @TempDir
    Path root;

    @Test
    void exactLinesWithEscaping() throws IOException {
        String odd = root.resolve("in,fra").resolve("a:b.yaml").toString();
        String plain = root.resolve("t.yaml").toString();
        List<Finding> findings = List.of(
                new Finding("s3-public", Severity.CRITICAL, plain, 3, 5, "Bucket", "AWS::S3::Bucket",
                        "Resources/Bucket", "100% public\r\nreally", null),
                new Finding("sg-open", Severity.MEDIUM, plain, 9, 7, "Sg", "AWS::EC2::SecurityGroup",
                        "Resources/Sg", "open: to, all", "IsProd=true"),
                new Finding("macro-not-expanded", Severity.INFO, odd, 1, 1, null, null, "Transform",
                        "macro", null),
                new Finding("s3-logging", Severity.LOW, plain, 4, 5, "Bucket", "AWS::S3::Bucket",
                        "Resources/Bucket", "no logs", null));
        List<InputError> errors = List.of(new InputError(root.resolve("bad.yaml").toString(), 2, "50% broken"),
                new InputError(root.resolve("gone.yaml").toString(), null, "file not found"));
        StringWriter out = new StringWriter();
        new GithubReporter(root).write(new CheckResult(findings, errors, Summary.of(3, 2, 2, findings, 2)), out);
        assertEquals(List.of(
                "::notice file=in%2Cfra/a%3Ab.yaml,line=1,col=1,title=macro-not-expanded::macro",
                "::error file=t.yaml,line=3,col=5,title=s3-public::Bucket: 100%25 public%0D%0Areally",
                "::notice file=t.yaml,line=4,col=5,title=s3-logging::Bucket: no logs",
                "::warning file=t.yaml,line=9,col=7,title=sg-open::Sg: open: to, all [when IsProd=true]",
                "::error file=bad.yaml,line=2::50%25 broken",
                "::error file=gone.yaml::file not found"), out.toString().lines().toList());
    }

    @Test
    void aResourceFromACloudAssemblyIsNamedWithItsConstructPathAndSourceLine() throws IOException {
        String template = root.resolve("cdk.out").resolve("AppStack.template.json").toString();
        Finding traced = new Finding("s3-public", Severity.HIGH, template, 12, 7, "Bucket83908E77",
                "AWS::S3::Bucket", "Resources/Bucket83908E77", "public", null, null,
                new CdkOrigin("AppStack", "AppStack/Bucket/Resource", "src/main/java/app/AppStack.java", 31));
        Finding untraced = new Finding("s3-logging", Severity.MEDIUM, template, 12, 7, "Bucket83908E77",
                "AWS::S3::Bucket", "Resources/Bucket83908E77", "no logs", "IsProd=true", null,
                new CdkOrigin("AppStack", "AppStack/Bucket/Resource", null, null));
        List<Finding> findings = List.of(traced, untraced);
        StringWriter out = new StringWriter();
        new GithubReporter(root).write(new CheckResult(findings, List.of(), Summary.of(1, 1, 1, findings, 0)), out);
        assertEquals(List.of(
                "::warning file=cdk.out/AppStack.template.json,line=12,col=7,title=s3-logging::"
                        + "Bucket83908E77 (AppStack/Bucket/Resource): no logs [when IsProd=true]",
                "::error file=cdk.out/AppStack.template.json,line=12,col=7,title=s3-public::"
                        + "Bucket83908E77 (AppStack/Bucket/Resource): public "
                        + "[created at src/main/java/app/AppStack.java:31]"), out.toString().lines().toList());
    }

    @Test
    void escapingRules() {
        assertEquals("a%25b%0D%0Ac:d,e", GithubReporter.data("a%b\r\nc:d,e"));
        assertEquals("a%25b%0D%0Ac%3Ad%2Ce", GithubReporter.property("a%b\r\nc:d,e"));
    }
}
