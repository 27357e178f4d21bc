package dev.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The pre-commit hook in {@code .pre-commit-hooks.yaml}, run the way pre-commit runs a {@code language: script}
 * hook: the entry's first word resolved in the hook repository, then the rest of the entry, then the staged files
 * that match {@code files}, with the repository being committed to as the working directory.
 *
 * <p>The hook repository is a copy of the real launcher script and hook definition; its {@code portcullis.jar}
 * is a {@link LauncherJar} over this build's classes, so the launcher finds a built jar and starts it as it would
 * after its first build.
 */
class PreCommitHookTest {

    private static Path root;
    private static Map<String, Object> hook;

    /** Shared, so the launcher makes its class-data archive once, as it does after a real build. */
    @TempDir
    static Path hookRepo;

    @TempDir
    Path project;

    @BeforeAll
    static void load() throws IOException {
        root = Path.of(System.getProperty("portcullis.root", ".."));
        List<?> hooks = (List<?>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(root.resolve(".pre-commit-hooks.yaml")));
        assertEquals(1, hooks.size());
        hook = map(hooks.get(0));
        Files.copy(root.resolve(".pre-commit-hooks.yaml"), hookRepo.resolve(".pre-commit-hooks.yaml"));
        Path launcher = hookRepo.resolve("portcullis");
        Files.copy(root.resolve("portcullis"), launcher, StandardCopyOption.COPY_ATTRIBUTES);
        assertTrue(Files.isExecutable(launcher));
        Path target = hookRepo.resolve("checker/target");
        LauncherJar.write(target.resolve("portcullis.jar"));
        // What the launcher records after a build: with it, and no sources newer, it runs the jar as built.
        Files.writeString(target.resolve("portcullis.jar.sources"), "");
    }

    @BeforeEach
    void layOut() throws IOException {
        write("infra/open-ssh.yaml", """
                Resources:
                  Sg:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: ssh
                      SecurityGroupIngress:
                        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
                """);
        write("infra/clean.template", """
                {"AWSTemplateFormatVersion": "2010-09-09",
                 "Resources": {"Handle": {"Type": "AWS::CloudFormation::WaitConditionHandle"}}}
                """);
        write(".github/workflows/ci.yml", """
                name: ci
                on: [push]
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo hi
                """);
        write("package.json", "{\"name\": \"app\", \"version\": \"1.0.0\", \"scripts\": {\"build\": \"tsc\"}}\n");
        write("README.md", "# not a template\n");
    }

    @Test
    void definesAScriptHookOnChangedTemplateFiles() {
        assertEquals("portcullis", hook.get("id"));
        assertEquals("script", hook.get("language"));
        assertEquals(Boolean.TRUE, hook.get("pass_filenames"));
        assertEquals("\\.(json|ya?ml|template)$", hook.get("files"));
    }

    @Test
    void filesPatternPicksTemplatesAndOtherYamlAndJsonButNotTheRest() throws IOException {
        assertEquals(List.of(".github/workflows/ci.yml", "infra/clean.template", "infra/open-ssh.yaml",
                "package.json"), selected());
    }

    @Test
    void insecureTemplateFailsTheCommit() throws Exception {
        HookRun run = runHook(List.of("infra/open-ssh.yaml"));
        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.out().contains("infra/open-ssh.yaml:7:"), run.out());
    }

    @Test
    void cleanTemplatePasses() throws Exception {
        HookRun run = runHook(List.of("infra/clean.template"));
        assertEquals(0, run.exit(), run.toString());
    }

    @Test
    void yamlAndJsonFilesThatAreNotTemplatesPass() throws Exception {
        HookRun workflow = runHook(List.of(".github/workflows/ci.yml"));
        assertEquals(0, workflow.exit(), workflow.toString());
        HookRun packageJson = runHook(List.of("package.json"));
        assertEquals(0, packageJson.exit(), packageJson.toString());
    }

    @Test
    void allChangedFilesTogetherFailOnTheInsecureOne() throws Exception {
        HookRun run = runHook(selected());
        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.out().contains("in 2 templates"), run.out());
    }

    @Test
    void brokenTemplateIsNotSkipped() throws Exception {
        write("infra/broken.yaml", "Resources:\n  Sg: [\n");
        HookRun run = runHook(List.of("infra/broken.yaml"));
        assertEquals(3, run.exit(), run.toString());
        assertTrue(run.err().contains("infra/broken.yaml"), run.err());
    }

    record HookRun(int exit, String out, String err) {
    }

    /** The project's files that pre-commit would pass: {@code files} searched in each path, as Python's re.search. */
    private List<String> selected() throws IOException {
        Pattern files = Pattern.compile(String.valueOf(hook.get("files")));
        try (Stream<Path> walk = Files.walk(project)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> project.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> files.matcher(p).find())
                    .sorted().toList();
        }
    }

    private HookRun runHook(List<String> files) throws Exception {
        List<String> command = new ArrayList<>(List.of(String.valueOf(hook.get("entry")).trim().split("\\s+")));
        command.set(0, hookRepo.resolve(command.get(0)).toString());
        command.addAll(files);
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile());
        pb.environment().put("JAVA_HOME", LauncherJar.java().getParent().getParent().toString());
        pb.environment().remove("PORTCULLIS_BUILD_ROOT");
        pb.environment().remove("PORTCULLIS_JAVA_OPTS");
        Path out = Files.createTempFile(project.getParent(), "hook-out", ".txt");
        Path err = Files.createTempFile(project.getParent(), "hook-err", ".txt");
        int exit = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start().waitFor();
        return new HookRun(exit, Files.readString(out), Files.readString(err));
    }

    private void write(String relative, String text) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
