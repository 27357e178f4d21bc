package dev.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --skip-non-templates}: named files that are not templates are skipped; nothing unreadable passes. */
class SkipNonTemplatesTest {

    @TempDir
    Path dir;

    @Test
    void namedNonTemplateIsAnErrorWithoutTheOptionAndSkippedWithIt() throws IOException {
        String packageJson = write("package.json", "{\"name\": \"app\", \"version\": \"1.0.0\"}");
        String workflow = write("ci.yml", "on: [push]\njobs: {}\n");

        CliRun strict = CliRun.real("check", "--no-color", packageJson, workflow);
        assertEquals(3, strict.exit(), strict.err());

        CliRun skipping = CliRun.real("check", "--no-color", "--skip-non-templates", packageJson, workflow);
        assertEquals(0, skipping.exit(), skipping.err());
        assertEquals("", skipping.err());
    }

    @Test
    void templatesAmongThemAreStillChecked() throws IOException {
        String open = write("open.yaml", """
                Resources:
                  Sg:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: ssh
                      SecurityGroupIngress:
                        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
                """);
        String other = write("values.yaml", "replicas: 3\n");

        CliRun run = CliRun.real("check", "--no-color", "--skip-non-templates", "--format", "json", open, other);

        assertEquals(1, run.exit(), run.err());
        assertTrue(run.out().contains("\"templates\" : 1") || run.out().contains("\"templates\": 1"), run.out());
    }

    @Test
    void brokenTemplatesMissingFilesAndDirectoriesAreNotSkipped() throws IOException {
        String broken = write("broken.yaml", "Resources:\n  A: [\n");
        String missing = dir.resolve("missing.yaml").toString();

        CliRun run = CliRun.real("check", "--no-color", "--skip-non-templates", broken, missing);

        assertEquals(3, run.exit());
        assertTrue(run.err().contains("broken.yaml") && run.err().contains("missing.yaml"), run.err());

        CliRun directory = CliRun.real("check", "--no-color", "--skip-non-templates", dir.toString());
        assertEquals(3, directory.exit(), "the broken template in the directory still counts: " + directory.err());
    }

    private String write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file.toString();
    }
}
