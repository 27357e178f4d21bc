package dev.portcullis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.portcullis.model.CdkOrigin;
import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputError;
import dev.portcullis.model.Severity;
import dev.portcullis.model.Summary;
import dev.portcullis.model.Suppression;

/** JUnit XML: one failing test case per rule × resource, one erroring test case per unreadable input. */
class JunitReporterTest {

    private static Finding finding(String rule, String resource, int line, String message) {
        return new Finding(rule, Severity.HIGH, "app/t.yaml", line, 5, resource, "AWS::S3::Bucket",
                "Resources/" + resource, message, null);
    }

    private static Document report(List<Finding> findings, List<InputError> errors) throws Exception {
        StringWriter out = new StringWriter();
        new JunitReporter().write(new CheckResult(findings, errors, Summary.of(2, 1, 2, findings, errors.size())),
                out);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void findingsOfOneRuleOnOneResourceAreOneFailingTestCase() throws Exception {
        Document doc = report(List.of(
                finding("s3-public", "Bucket", 9, "bucket is <public> & open"),
                finding("s3-public", "Bucket", 14, "second\u0007 problem"),
                finding("s3-logging", "Bucket", 4, "no logs")),
                List.of(new InputError("bad.yaml", 3, "mapping values are not allowed here")));
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertEquals("portcullis", suite.getAttribute("name"));
        assertEquals("3", suite.getAttribute("tests"));
        assertEquals("2", suite.getAttribute("failures"));
        assertEquals("1", suite.getAttribute("errors"));

        NodeList cases = doc.getElementsByTagName("testcase");
        assertEquals(3, cases.getLength());
        Element logging = (Element) cases.item(0);
        assertEquals("s3-logging", logging.getAttribute("classname"));
        assertEquals("Bucket in app/t.yaml", logging.getAttribute("name"));
        Element publicCase = (Element) cases.item(1);
        assertEquals("s3-public", publicCase.getAttribute("classname"));
        Element failure = (Element) publicCase.getElementsByTagName("failure").item(0);
        assertEquals("bucket is <public> & open", failure.getAttribute("message"));
        assertEquals("high", failure.getAttribute("type"));
        assertEquals("app/t.yaml:9:5 bucket is <public> & open\napp/t.yaml:14:5 second? problem\n",
                failure.getTextContent());

        Element errorCase = (Element) cases.item(2);
        assertEquals("bad.yaml", errorCase.getAttribute("name"));
        Element error = (Element) errorCase.getElementsByTagName("error").item(0);
        assertEquals("mapping values are not allowed here", error.getAttribute("message"));
        assertEquals("bad.yaml:3: mapping values are not allowed here", error.getTextContent());
    }

    @Test
    void aResourceFromACloudAssemblyIsNamedWithItsConstructPathAndEachFindingWithItsSourceLine() throws Exception {
        CdkOrigin origin = new CdkOrigin("Prod/AppStack", "Prod/AppStack/Bucket/Resource",
                "src/main/java/app/AppStack.java", 31);
        Finding active = new Finding("s3-public", Severity.HIGH, "cdk.out/AppStack.template.json", 12, 7,
                "Bucket83908E77", "AWS::S3::Bucket", "Resources/Bucket83908E77", "public", null, null, origin);
        Finding waived = new Finding("s3-logging", Severity.MEDIUM, "cdk.out/AppStack.template.json", 12, 7,
                "Bucket83908E77", "AWS::S3::Bucket", "Resources/Bucket83908E77", "no logs", null,
                new Suppression(Suppression.Kind.WAIVER, ".portcullis/waivers.yaml:2", "Logged elsewhere", null, null,
                        false), new CdkOrigin("Prod/AppStack", "Prod/AppStack/Bucket/Resource", null, null));
        NodeList cases = report(List.of(active, waived), List.of()).getElementsByTagName("testcase");
        assertEquals(2, cases.getLength());
        Element skipped = (Element) cases.item(0);
        assertEquals("Bucket83908E77 (Prod/AppStack/Bucket/Resource) in cdk.out/AppStack.template.json",
                skipped.getAttribute("name"));
        Element failing = (Element) cases.item(1);
        assertEquals("Bucket83908E77 (Prod/AppStack/Bucket/Resource) in cdk.out/AppStack.template.json",
                failing.getAttribute("name"));
        assertEquals("cdk.out/AppStack.template.json:12:7 public [created at src/main/java/app/AppStack.java:31]\n",
                failing.getElementsByTagName("failure").item(0).getTextContent());
    }

    @Test
    void cleanRunIsAnEmptySuite() throws Exception {
        Element suite = (Element) report(List.of(), List.of()).getElementsByTagName("testsuite").item(0);
        assertEquals("0", suite.getAttribute("tests"));
        assertEquals(0, suite.getElementsByTagName("testcase").getLength());
    }
}
