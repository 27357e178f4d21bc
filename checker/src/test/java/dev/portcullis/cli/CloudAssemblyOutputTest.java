package dev.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.portcullis.report.Json;
import dev.portcullis.report.SarifSchema;

/** Construct paths and source lines of a CDK cloud assembly's findings in text, JSON and SARIF. */
class CloudAssemblyOutputTest {

    private static final String ASSEMBLY = Path.of(System.getProperty("portcullis.root", ".."), "fixtures", "cdk",
            "cdk.out").toString();

    @Test
    void textShowsTheConstructPathAfterTheResourceAndWhereItWasCreated() {
        CliRun run = CliRun.real("check", ASSEMBLY, "--no-color");
        assertEquals(1, run.exit(), run.err());
        String headline = run.out().lines().filter(l -> l.contains("ec2-sg-no-world-admin-ports")
                && l.contains("RemoteDesktop")).findFirst().orElseThrow();
        assertTrue(headline.contains("  RemoteDesktop (Prod/NetworkStack/RemoteDesktop)  "), headline);
        String next = run.out().lines().dropWhile(l -> !l.equals(headline)).skip(1).findFirst().orElseThrow();
        assertTrue(next.matches("  created at com/example/sample/NetworkStack\\.java:\\d+"), next);
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\d+ findings \\(.*\\) in 4 templates")), run.out());
    }

    @Test
    void jsonHasAnOriginObject() throws IOException {
        CliRun run = CliRun.real("check", ASSEMBLY, "--format", "json");
        assertEquals(1, run.exit(), run.err());
        JsonNode findings = Json.MAPPER.readTree(run.out()).get("findings");
        int withOrigin = 0;
        for (JsonNode f : findings) {
            JsonNode origin = f.get("origin");
            if (f.get("resource").asText().equals("AdminSsh")) {
                assertEquals("StorageStack", origin.get("artifact").asText());
                assertEquals("StorageStack/AdminAccess/AdminSsh", origin.get("constructPath").asText());
                assertEquals("com/example/sample/StorageStack.java", origin.get("sourceFile").asText());
                assertTrue(origin.get("sourceLine").asInt() > 0);
            }
            withOrigin += origin != null ? 1 : 0;
        }
        assertEquals(findings.size(), withOrigin);
    }

    @Test
    void sarifNamesTheConstructPathAsALogicalLocation() throws IOException {
        CliRun run = CliRun.real("check", ASSEMBLY, "--format", "sarif");
        assertEquals(1, run.exit(), run.err());
        JsonNode results = SarifSchema.assertValid(run.out()).get("runs").get(0).get("results");
        boolean seen = false;
        for (JsonNode result : results) {
            JsonNode logical = result.get("locations").get(0).get("logicalLocations");
            JsonNode construct = logical.get(logical.size() - 1);
            assertEquals("resource", construct.get("kind").asText());
            if (construct.get("fullyQualifiedName").asText().equals("Prod/NetworkStack/SharedFiles/Public")) {
                assertEquals("Public", construct.get("name").asText());
                assertEquals("Prod/NetworkStack", result.get("properties").get("cdkArtifact").asText());
                assertTrue(result.get("properties").get("cdkSource").asText()
                        .matches("com/example/sample/NetworkStack\\.java:\\d+"), result.toString());
                seen = true;
            }
        }
        assertTrue(seen, run.out());
    }

    @Test
    void aBrokenManifestIsOneLineWithFileAndLineAndExit3(@TempDir Path dir) throws IOException {
        Path assembly = Files.createDirectories(dir.resolve("cdk.out"));
        Files.writeString(assembly.resolve("cdk.out"), "{\"version\":\"54.0.0\"}");
        Files.writeString(assembly.resolve("manifest.json"), "{\n  \"version\": \"54.0.0\",\n  \"artifacts\": [}\n");
        CliRun run = CliRun.real("check", assembly.toString());
        assertEquals(3, run.exit());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith(assembly + "/manifest.json:3: not a valid cloud assembly manifest: "),
                run.err());
    }
}
