package dev.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.report.SarifSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The GitHub Action at the repository root: its security rules (pinned actions, no expressions in scripts), its
 * inputs, its documentation, and its scan step run for real by bash on templates.
 */
class ActionDefinitionTest {

    /** A full commit SHA, and the release it is, in a comment: {@code owner/repo@<40 hex> # v1.2.3}. */
    private static final Pattern PINNED = Pattern.compile("[\\w.-]+/[\\w./-]+@[0-9a-f]{40}");
    private static final Pattern USES_LINE = Pattern.compile("(?m)^\\s*-?\\s*uses:\\s*(\\S+)(.*)$");
    private static final Pattern VERSION_COMMENT = Pattern.compile("\\s+# v\\d+\\.\\d+\\.\\d+\\s*");

    private static Path root;
    private static String actionText;
    private static Map<String, Object> action;

    @TempDir
    Path work;

    @BeforeAll
    static void load() throws IOException {
        root = Path.of(System.getProperty("portcullis.root", ".."));
        actionText = Files.readString(root.resolve("action.yml"));
        action = map(new Load(LoadSettings.builder().build()).loadFromString(actionText));
    }

    @Test
    void isACompositeActionThatSetsUpJava17() {
        Map<String, Object> runs = map(action.get("runs"));
        assertEquals("composite", runs.get("using"));
        Map<String, Object> setupJava = steps().stream()
                .filter(s -> String.valueOf(s.get("uses")).startsWith("actions/setup-java@")).findFirst()
                .orElseThrow(() -> new AssertionError("no actions/setup-java step"));
        assertEquals("17", String.valueOf(map(setupJava.get("with")).get("java-version")));
    }

    @Test
    void everyUsesIsPinnedToAFullCommitShaWithItsVersion() {
        List<Map<String, Object>> withUses = steps().stream().filter(s -> s.containsKey("uses")).toList();
        assertFalse(withUses.isEmpty());
        for (Map<String, Object> step : withUses) {
            String uses = String.valueOf(step.get("uses"));
            assertTrue(PINNED.matcher(uses).matches(), "not pinned to a full commit SHA: " + uses);
        }
        assertUsesLinesCommented(actionText, "action.yml");
    }

    @Test
    void runScriptsExpandNoExpressions() {
        List<Map<String, Object>> scripts = steps().stream().filter(s -> s.containsKey("run")).toList();
        assertFalse(scripts.isEmpty());
        for (Map<String, Object> step : scripts) {
            String run = String.valueOf(step.get("run"));
            // Stricter than "no inputs.* or github.event.*": no expression at all is spliced into a script.
            assertFalse(run.contains("${{"), "expression inside run: of step '" + step.get("name") + "'");
            assertEquals("bash", step.get("shell"), "composite steps need an explicit shell");
        }
    }

    @Test
    void hasTheDocumentedInputsAndOutputs() {
        Map<String, Object> inputs = map(action.get("inputs"));
        for (String name : List.of("paths", "fail-on", "format", "baseline", "config", "sarif-file")) {
            Map<String, Object> input = map(inputs.get(name));
            assertNotNull(input, "input " + name);
            assertFalse(String.valueOf(input.get("description")).isBlank(), "description of " + name);
        }
        Map<String, Object> outputs = map(action.get("outputs"));
        assertTrue(outputs.containsKey("sarif-file") && outputs.containsKey("exit-code"), outputs.toString());
        String scan = String.valueOf(scanStep().get("run"));
        assertTrue(scan.contains("--baseline \"$PORTCULLIS_BASELINE\""), scan);
        assertTrue(scan.contains("--config \"$PORTCULLIS_CONFIG\""), scan);
    }

    @Test
    void exampleWorkflowUploadsSarifWithPinnedActions() throws IOException {
        String doc = Files.readString(root.resolve("docs/github-action.md"));
        Matcher upload = Pattern.compile("uses:\\s*(github/codeql-action/upload-sarif@\\S+)").matcher(doc);
        assertTrue(upload.find(), "docs/github-action.md shows no upload-sarif step");
        assertTrue(PINNED.matcher(upload.group(1)).matches(), upload.group(1));
        assertTrue(doc.contains("security-events: write"), "the workflow needs security-events: write");
        Matcher uses = USES_LINE.matcher(doc);
        while (uses.find()) {
            String target = uses.group(1);
            // The action itself is referenced by the user's chosen ref; everything else is pinned.
            if (!target.startsWith("portcullis-dev/portcullis@") && !target.startsWith("./")) {
                assertTrue(PINNED.matcher(target).matches(), "not pinned in the example: " + target);
            }
        }
        assertUsesLinesCommented(doc.replaceAll("(?m)^.*uses:\\s*(portcullis-dev/portcullis@|\\./).*$", ""),
                "docs/github-action.md");
    }

    @Test
    void scanStepFailsOnFindingsAndAlwaysWritesSarif() throws Exception {
        Files.writeString(work.resolve("open-ssh.yaml"), OPEN_SSH);
        Files.writeString(work.resolve("clean.yaml"), CLEAN);
        Files.createDirectories(work.resolve("infra"));
        Files.writeString(work.resolve("infra/clean.json"), "{\"Resources\": {\"H\": "
                + "{\"Type\": \"AWS::CloudFormation::WaitConditionHandle\"}}}");

        ScanRun failing = scan(Map.of("PORTCULLIS_PATHS", "open-ssh.yaml clean.yaml\ninfra"));

        assertEquals(1, failing.exit(), failing.toString());
        assertTrue(failing.out().contains("::error file=open-ssh.yaml,line="), failing.out());
        JsonNode sarif = SarifSchema.assertValid(Files.readString(work.resolve("portcullis.sarif")));
        assertTrue(sarif.path("runs").get(0).path("results").size() > 0);
        assertEquals("1", failing.outputs().get("exit-code"));
        assertEquals("portcullis.sarif", failing.outputs().get("sarif-file"));

        // The SARIF file's directory is made if needed.
        ScanRun passing = scan(Map.of("PORTCULLIS_PATHS", "clean.yaml infra", "PORTCULLIS_FORMAT", "text",
                "PORTCULLIS_SARIF_FILE", "out/clean.sarif"));
        assertEquals(0, passing.exit(), passing.toString());
        JsonNode clean = SarifSchema.assertValid(Files.readString(work.resolve("out/clean.sarif")));
        assertEquals(0, clean.path("runs").get(0).path("results").size());
    }

    @Test
    void scanStepFailsClosedOnUnreadableInputAndBadSettings() throws Exception {
        Files.writeString(work.resolve("broken.yaml"), "Resources:\n  A: [\n");
        ScanRun broken = scan(Map.of("PORTCULLIS_PATHS", "broken.yaml"));
        assertEquals(3, broken.exit(), broken.toString());
        assertTrue(Files.exists(work.resolve("portcullis.sarif")), "SARIF is written even for unreadable input");

        // After '--' a path that looks like an option is still a path: a missing file, not --version.
        ScanRun optionLike = scan(Map.of("PORTCULLIS_PATHS", "--version"));
        assertEquals(3, optionLike.exit(), optionLike.toString());

        ScanRun badFormat = scan(Map.of("PORTCULLIS_PATHS", "broken.yaml", "PORTCULLIS_FORMAT", "html"));
        assertEquals(2, badFormat.exit(), badFormat.toString());
        ScanRun noPaths = scan(Map.of("PORTCULLIS_PATHS", "  \n "));
        assertEquals(2, noPaths.exit(), noPaths.toString());
        ScanRun badSeverity = scan(Map.of("PORTCULLIS_PATHS", "broken.yaml", "PORTCULLIS_FAIL_ON", "severe"));
        assertEquals(2, badSeverity.exit(), badSeverity.toString());
    }

    @Test
    void baselineAndConfigInputsReachTheCheck() throws Exception {
        Files.writeString(work.resolve("open-ssh.yaml"), OPEN_SSH);
        Path baseline = work.resolve("baseline.json");
        int created = Main.run(new String[] {"baseline", "create", "--output", baseline.toString(),
                work.resolve("open-ssh.yaml").toString()}, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        assertEquals(0, created, "baseline create");

        ScanRun baselined = scan(Map.of("PORTCULLIS_PATHS", "open-ssh.yaml", "PORTCULLIS_BASELINE", "baseline.json"));
        assertEquals(0, baselined.exit(), "every finding is in the baseline: " + baselined);

        // An empty fail-on input leaves the config's fail-on in force (the topic's one finding is medium).
        Files.writeString(work.resolve("topic.yaml"), "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n");
        Files.writeString(work.resolve("lenient.yaml"), "fail-on: high\n");
        ScanRun lenient = scan(Map.of("PORTCULLIS_PATHS", "topic.yaml", "PORTCULLIS_CONFIG", "lenient.yaml",
                "PORTCULLIS_FAIL_ON", ""));
        assertEquals(0, lenient.exit(), "the config's fail-on: high holds: " + lenient);
        ScanRun strict = scan(Map.of("PORTCULLIS_PATHS", "topic.yaml", "PORTCULLIS_CONFIG", "lenient.yaml",
                "PORTCULLIS_FAIL_ON", "medium"));
        assertEquals(1, strict.exit(), "the fail-on input wins over the config: " + strict);

        Files.writeString(work.resolve("ci.yaml"), "fail-onn: high\n");
        ScanRun badConfig = scan(Map.of("PORTCULLIS_PATHS", "open-ssh.yaml", "PORTCULLIS_CONFIG", "ci.yaml"));
        assertEquals(3, badConfig.exit(), "the named config file is read (and its typo refused): " + badConfig);
        assertTrue((badConfig.out() + badConfig.err()).contains("ci.yaml:1"), badConfig.toString());
    }

    private static final String OPEN_SSH = """
            Resources:
              Sg:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: ssh
                  SecurityGroupIngress:
                    - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
            """;

    private static final String CLEAN = """
            Resources:
              Handle:
                Type: AWS::CloudFormation::WaitConditionHandle
            """;

    record ScanRun(int exit, String out, String err, Map<String, String> outputs) {
    }

    /** Runs the scan step's script as the runner would: bash, the step's env with these inputs, cwd the workspace. */
    private ScanRun scan(Map<String, String> inputs) throws Exception {
        Map<String, Object> step = scanStep();
        Path githubOutput = Files.createTempFile(work.getParent(), "github-output", ".txt");
        Path jar = LauncherJar.write(work.getParent().resolve("launcher-" + work.getFileName() + ".jar"));
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : map(step.get("env")).keySet()) {
            env.put(name, "");
        }
        env.put("PORTCULLIS_FAIL_ON", "medium");
        env.put("PORTCULLIS_FORMAT", "github");
        env.put("PORTCULLIS_SARIF_FILE", "portcullis.sarif");
        env.putAll(inputs);
        env.put("PORTCULLIS_JAR", jar.toString());
        assertEquals(map(step.get("env")).keySet(), env.keySet(), "the test sets exactly the step's env");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", String.valueOf(step.get("run"))).directory(work.toFile());
        pb.environment().putAll(env);
        pb.environment().put("GITHUB_OUTPUT", githubOutput.toString());
        pb.environment().put("PATH", LauncherJar.java().getParent() + ":" + System.getenv("PATH"));
        Path out = Files.createTempFile(work.getParent(), "out", ".txt");
        Path err = Files.createTempFile(work.getParent(), "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int exit = p.waitFor();
        Map<String, String> outputs = new LinkedHashMap<>();
        for (String line : Files.readAllLines(githubOutput, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            outputs.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return new ScanRun(exit, Files.readString(out), Files.readString(err), outputs);
    }

    private static Map<String, Object> scanStep() {
        return steps().stream().filter(s -> "check".equals(s.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no step with id 'check'"));
    }

    private static List<Map<String, Object>> steps() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object step : (List<?>) map(action.get("runs")).get("steps")) {
            out.add(map(step));
        }
        return out;
    }

    private static void assertUsesLinesCommented(String text, String where) {
        Matcher m = USES_LINE.matcher(text);
        int count = 0;
        while (m.find()) {
            count++;
            assertTrue(VERSION_COMMENT.matcher(m.group(2)).matches(),
                    where + ": '" + m.group().strip() + "' has no '# vX.Y.Z' comment naming the pinned release");
        }
        assertTrue(count > 0, where + " has no uses: lines");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
