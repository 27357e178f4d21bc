package dev.portcullis.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the validation report CDK writes to the cloud assembly ({@code cdk.out/validation-report.json}). */
final class ValidationReportFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ValidationReportFile() {
    }

    /** Portcullis' plugin report in the assembly at {@code out}; exactly one. */
    static JsonNode portcullisReport(Path out) throws IOException {
        JsonNode root = JSON.readTree(out.resolve("validation-report.json").toFile());
        List<JsonNode> ours = new ArrayList<>();
        root.path("pluginReports").forEach(r -> {
            if (r.path("pluginName").asText().equals(PortcullisValidation.NAME)) {
                ours.add(r);
            }
        });
        assertEquals(1, ours.size(), root.toPrettyString());
        return ours.get(0);
    }

    static JsonNode violation(JsonNode report, String rule) {
        for (JsonNode v : report.path("violations")) {
            if (v.path("ruleName").asText().equals(rule)) {
                return v;
            }
        }
        throw new AssertionError("no violation of " + rule + " in " + report.toPrettyString());
    }
}
