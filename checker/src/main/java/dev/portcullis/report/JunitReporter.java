package dev.portcullis.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputError;

/**
 * Writes the result as JUnit XML for CI systems that show test reports: one test suite {@code portcullis}, a test
 * case per rule × resource with findings (failing, each finding as {@code file:line:col message}; skipped, with what
 * suppressed them, when every finding of the case is suppressed), and a test case with an error per input that could
 * not be evaluated. A resource from a CDK cloud assembly is named with its construct path, and each finding says
 * which line of the app created it when the assembly knows. The check result holds only what failed, not every rule ×
 * resource pair that was evaluated, so passing pairs do not appear as passing test cases.
 */
public final class JunitReporter implements Reporter {

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    @Override
    public void write(CheckResult result, Writer out) throws IOException {
        Map<String, List<Finding>> cases = new LinkedHashMap<>();
        for (Finding f : result.findings().stream().sorted(Finding.ORDER).toList()) {
            cases.computeIfAbsent(f.ruleId() + "\u0000" + f.file() + "\u0000" + resourceName(f) + "\u0000"
                    + f.suppressed(), k -> new ArrayList<>()).add(f);
        }
        int skipped = (int) cases.values().stream().filter(c -> c.get(0).suppressed()).count();
        int failures = cases.size() - skipped;
        List<InputError> errors = result.errors().stream().sorted(JsonReport.ERROR_ORDER).toList();
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            counts(xml, cases.size() + errors.size(), failures, errors.size(), skipped);
            xml.writeCharacters("\n  ");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "portcullis");
            counts(xml, cases.size() + errors.size(), failures, errors.size(), skipped);
            for (List<Finding> findings : cases.values()) {
                if (findings.get(0).suppressed()) {
                    skippedCase(xml, findings);
                } else {
                    failingCase(xml, findings);
                }
            }
            for (InputError e : errors) {
                errorCase(xml, e);
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the JUnit report: " + e.getMessage(), e);
        }
        out.flush();
    }

    private static void counts(XMLStreamWriter xml, int tests, int failures, int errors, int skipped)
            throws XMLStreamException {
        xml.writeAttribute("tests", String.valueOf(tests));
        xml.writeAttribute("failures", String.valueOf(failures));
        xml.writeAttribute("errors", String.valueOf(errors));
        if (skipped > 0) {
            xml.writeAttribute("skipped", String.valueOf(skipped));
        }
    }

    /** A rule × resource whose findings are all suppressed: skipped, saying by what. */
    private static void skippedCase(XMLStreamWriter xml, List<Finding> findings) throws XMLStreamException {
        Finding first = findings.get(0);
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", text(first.ruleId()));
        xml.writeAttribute("name", text(caseName(first)));
        xml.writeCharacters("\n      ");
        xml.writeEmptyElement("skipped");
        xml.writeAttribute("message", text(TerminalText.oneLine(SuppressionText.accepted(first.suppression()))));
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
    }

    /** {@code classname} is the rule, {@code name} the resource and its file, so CI groups failures by rule. */
    private static void failingCase(XMLStreamWriter xml, List<Finding> findings) throws XMLStreamException {
        Finding first = findings.get(0);
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", text(first.ruleId()));
        xml.writeAttribute("name", text(caseName(first)));
        xml.writeCharacters("\n      ");
        xml.writeStartElement("failure");
        xml.writeAttribute("message", text(TerminalText.oneLine(first.message())));
        xml.writeAttribute("type", first.severity().label());
        StringBuilder body = new StringBuilder();
        for (Finding f : findings) {
            body.append(f.file()).append(':').append(f.line()).append(':').append(f.column()).append(' ')
                    .append(TerminalText.oneLine(f.message()));
            if (f.scenario() != null) {
                body.append(" [when ").append(TerminalText.oneLine(f.scenario())).append(']');
            }
            String lapsed = SuppressionText.lapsed(f.suppression());
            if (lapsed != null) {
                body.append(" [").append(TerminalText.oneLine(lapsed)).append(']');
            }
            String createdAt = OriginText.createdAt(f);
            if (createdAt != null) {
                body.append(" [").append(TerminalText.oneLine(createdAt)).append(']');
            }
            body.append('\n');
        }
        xml.writeCharacters(text(body.toString()));
        xml.writeEndElement();
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
    }

    private static void errorCase(XMLStreamWriter xml, InputError e) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "portcullis");
        xml.writeAttribute("name", text(e.file()));
        xml.writeCharacters("\n      ");
        xml.writeStartElement("error");
        xml.writeAttribute("message", text(TerminalText.oneLine(e.message())));
        xml.writeAttribute("type", e.internal() ? "internal" : "input");
        xml.writeCharacters(text(TerminalText.oneLine(e.oneLine())));
        xml.writeEndElement();
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
    }

    private static String resourceName(Finding f) {
        return f.resource() == null ? "(template)" : f.resource();
    }

    /** {@code Bucket in t.yaml}; from a cloud assembly {@code Bucket (AppStack/Bucket/Resource) in ...}. */
    private static String caseName(Finding f) {
        return TerminalText.oneLine(OriginText.resource(f, "(template)")) + " in " + f.file();
    }

    /** XML 1.0 cannot hold most control characters even escaped; they become {@code ?}, line breaks stay. */
    private static String text(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            out.append(allowed ? c : '?');
        }
        return out.toString();
    }
}
