package dev.portcullis.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.portcullis.model.InputException;
import dev.portcullis.model.Template;

/** The whole shared corpus goes through the parser: real templates parse, the broken ones fail cleanly. */
class CorpusParseTest {

    /** cfn_nag test files that are deliberately not valid templates (see corpus/README.md). */
    private static final Set<String> CFN_NAG_BROKEN = Set.of(
            "yaml/vulgar_bad_syntax.yml",
            "json/structural/rubbish.json",
            "json/structural/no_resources.json",
            "yaml/ignore_fatal/non_cfn.yml",
            // parameter-value files that sit among the templates
            "json/ec2_volume/ebs_volume_parameters.json",
            "yaml/security_group/bad_cidr.json");

    private final TemplateParser parser = new TemplateParser();

    @Test
    void everyAwsTemplateParsesAndRainSourcesFail() {
        Path root = TestData.awsTemplates();
        List<Path> files = TestData.templates(root);
        assertEquals(296, files.size(), "templates in the AWS corpus");
        List<String> problems = new ArrayList<>();
        int rainSources = 0;
        for (Path file : files) {
            String name = TestData.relative(root, file);
            boolean rain = TestData.read(file).contains("Rain::");
            rainSources += rain ? 1 : 0;
            try {
                Template template = parser.parse(file, name);
                if (rain) {
                    problems.add(name + ": a Rain source parsed");
                } else if (template.resources().isEmpty() && !template.root().mapping("Resources").entries().stream()
                        .anyMatch(e -> e.name().startsWith("Fn::ForEach::"))) {
                    problems.add(name + ": no resources");
                }
            } catch (InputException e) {
                if (!rain) {
                    problems.add(e.toError().oneLine());
                } else if (!name.equals(e.file()) || e.line() == null) {
                    problems.add(name + ": error does not name the file and line: " + e.toError().oneLine());
                }
            }
        }
        assertEquals(30, rainSources, "Rain sources in the corpus");
        assertEquals(List.of(), problems);
    }

    @Test
    void everyCfnNagTemplateParsesExceptTheBrokenOnes() {
        Path root = TestData.cfnNag();
        List<Path> files = TestData.templates(root);
        assertEquals(715, files.size(), "files in the cfn_nag corpus");
        List<String> problems = new ArrayList<>();
        Set<String> failed = new TreeSet<>();
        for (Path file : files) {
            String name = TestData.relative(root, file);
            try {
                parser.parse(file, name);
            } catch (InputException e) {
                failed.add(name);
                if (!name.equals(e.file()) || !e.toError().oneLine().startsWith(name + ":")) {
                    problems.add(name + ": error does not name the file: " + e.toError().oneLine());
                }
                if (!CFN_NAG_BROKEN.contains(name)) {
                    problems.add(e.toError().oneLine());
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(new TreeSet<>(CFN_NAG_BROKEN), failed);
    }

    @Test
    void brokenCfnNagFilesFailForTheirOwnReason() {
        Path root = TestData.cfnNag();
        assertFailure(root, "yaml/vulgar_bad_syntax.yml", 3, "invalid YAML: mapping values are not allowed");
        assertFailure(root, "json/structural/rubbish.json", 1, "top-level value is a string, expected a mapping");
        assertFailure(root, "json/structural/no_resources.json", 1, "no Resources section");
        assertFailure(root, "yaml/ignore_fatal/non_cfn.yml", 1, "no Resources section");
    }

    private void assertFailure(Path root, String name, int line, String message) {
        InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
                () -> parser.parse(root.resolve(name), name));
        assertEquals(name, e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
