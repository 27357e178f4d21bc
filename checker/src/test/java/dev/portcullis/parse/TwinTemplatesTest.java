package dev.portcullis.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.portcullis.model.MappingNode;
import dev.portcullis.model.Resource;
import dev.portcullis.model.Template;

/**
 * The AWS corpus ships most templates twice, as JSON and as YAML. Each resource's key position must match
 * where the key is in the text (found here by a plain line scan, independent of the parser), and the two
 * forms must give the same tree except where the files really differ.
 */
class TwinTemplatesTest {

    /** Why a pair of twins does not give equal trees. */
    private enum Difference {
        /** Unquoted {@code Yes}/{@code No} in YAML is a boolean under YAML 1.1, while the JSON has the string. */
        YAML_1_1_BOOLEAN,
        /** The JSON has {@code "Fn::GetAZs": null} where the YAML has {@code !GetAZs} with an empty string. */
        NULL_VERSUS_EMPTY,
        /** The two files are different revisions of the template (other properties, AMIs, scripts). */
        DIFFERENT_CONTENT
    }

    private static final Map<String, Difference> DIFFERENT = Map.ofEntries(
            // also YAML 1.1 booleans, but the JSON lacks the YAML's Fn::ValueOf in a rule assertion
            Map.entry("AWSSupplyChain/SapPrivateLink/SapPrivateLink", Difference.DIFFERENT_CONTENT),
            Map.entry("AWSSupplyChain/SapPrivateLink/SapPrivateLinkNoHostedZone", Difference.DIFFERENT_CONTENT),
            Map.entry("NeptuneDB/Neptune", Difference.YAML_1_1_BOOLEAN),
            Map.entry("Solutions/ADConnector/templates/ADCONNECTOR.cfn", Difference.YAML_1_1_BOOLEAN),
            Map.entry("Solutions/DirectoryServiceSettings/templates/DIRECTORY_SETTINGS.cfn", Difference.YAML_1_1_BOOLEAN),
            Map.entry("Solutions/ManagedAD/templates/MANAGEDAD.cfn", Difference.YAML_1_1_BOOLEAN),
            Map.entry("Solutions/VPCFlowLogs/templates/VPCFlowLogs-main.cfn", Difference.YAML_1_1_BOOLEAN),
            Map.entry("Config/Config", Difference.NULL_VERSUS_EMPTY),
            Map.entry("DMS/DMSAuroraToS3FullLoadAndOngoingReplication", Difference.NULL_VERSUS_EMPTY),
            Map.entry("ElasticLoadBalancing/ELBGuidedAutoScalingRollingUpgrade", Difference.NULL_VERSUS_EMPTY),
            Map.entry("ElasticLoadBalancing/ELBStickinessSample", Difference.NULL_VERSUS_EMPTY),
            Map.entry("ElasticLoadBalancing/ELBWithLockedDownAutoScaledInstances", Difference.NULL_VERSUS_EMPTY),
            Map.entry("ElasticLoadBalancing/ELB_Access_Logs_And_Connection_Draining", Difference.NULL_VERSUS_EMPTY),
            Map.entry("Solutions/CloudFormationEndpointSignals/cfn-endpoint-creationpolicy-no-igw",
                    Difference.NULL_VERSUS_EMPTY),
            Map.entry("Solutions/CloudFormationEndpointSignals/cfn-endpoint-creationpolicy", Difference.NULL_VERSUS_EMPTY),
            Map.entry("Solutions/CloudFormationEndpointSignals/cfn-endpoint-waitcondition-no-igw",
                    Difference.NULL_VERSUS_EMPTY),
            Map.entry("Solutions/CloudFormationEndpointSignals/cfn-endpoint-waitcondition", Difference.NULL_VERSUS_EMPTY),
            Map.entry("Solutions/GitLab/GitLabServer-pkg", Difference.NULL_VERSUS_EMPTY),
            Map.entry("Solutions/Gitea/Gitea-pkg", Difference.NULL_VERSUS_EMPTY),
            Map.entry("Solutions/VSCode/VSCodeServer-pkg", Difference.NULL_VERSUS_EMPTY),
            Map.entry("VPC/VPC_With_Managed_NAT_And_Private_Subnet", Difference.NULL_VERSUS_EMPTY),
            Map.entry("AutoScaling/AutoScalingRollingUpdates", Difference.DIFFERENT_CONTENT),
            Map.entry("AutoScaling/AutoScalingScheduledAction", Difference.DIFFERENT_CONTENT),
            Map.entry("EC2/EC2_Instance_With_Ephemeral_Drives", Difference.DIFFERENT_CONTENT),
            Map.entry("EC2/EIP_With_Association", Difference.DIFFERENT_CONTENT),
            Map.entry("EC2/InstanceWithCfnInit", Difference.DIFFERENT_CONTENT),
            Map.entry("ECS/EC2LaunchType/clusters/private-vpc", Difference.DIFFERENT_CONTENT),
            Map.entry("ECS/EC2LaunchType/clusters/public-vpc", Difference.DIFFERENT_CONTENT),
            Map.entry("Solutions/AmazonCloudWatchAgent/inline/centos", Difference.DIFFERENT_CONTENT),
            Map.entry("Solutions/AmazonCloudWatchAgent/inline/redhat", Difference.DIFFERENT_CONTENT),
            Map.entry("Solutions/AmazonCloudWatchAgent/inline/suse", Difference.DIFFERENT_CONTENT),
            Map.entry("Solutions/AmazonCloudWatchAgent/ssm/centos", Difference.DIFFERENT_CONTENT),
            Map.entry("Solutions/AmazonCloudWatchAgent/ssm/redhat", Difference.DIFFERENT_CONTENT),
            Map.entry("Solutions/AmazonCloudWatchAgent/ssm/suse", Difference.DIFFERENT_CONTENT));

    private static final Pattern YAML_RESOURCES = Pattern.compile("^Resources:\\s*(#.*)?$");
    private static final Pattern YAML_KEY = Pattern.compile("^( *)([\"']?)([^\"'#]+?)\\2:(\\s.*)?$");
    private static final Pattern JSON_RESOURCES = Pattern.compile("^(\\s*)\"Resources\"\\s*:\\s*\\{\\s*$");
    private static final Pattern JSON_KEY = Pattern.compile("^(\\s*)\"([^\"]+)\"\\s*:");

    private final TemplateParser parser = new TemplateParser();

    @Test
    void resourceKeyLinesMatchTheTextInBothForms() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Twin twin : twins()) {
            for (Path file : List.of(twin.json(), twin.yaml())) {
                List<String> lines = Files.readAllLines(file);
                Map<String, Integer> expected = file == twin.json() ? jsonResourceLines(lines) : yamlResourceLines(lines);
                Template template = parser.parse(file, file.getFileName().toString());
                // Every key under Resources, including Fn::ForEach loops, which are not resources.
                Map<String, Integer> actual = new LinkedHashMap<>();
                for (MappingNode.Entry e : template.section("Resources").entries()) {
                    actual.put(e.name(), e.key().span().line());
                }
                if (expected.isEmpty() || !expected.equals(actual)) {
                    problems.add(file + ": expected " + expected + " but parsed " + actual);
                }
                for (Resource r : template.resources().values()) {
                    if (!Integer.valueOf(r.keySpan().line()).equals(expected.get(r.logicalId()))) {
                        problems.add(file + ": resource " + r.logicalId() + " at line " + r.keySpan().line());
                    }
                    checked++;
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(checked > 1_000, "resources checked: " + checked);
    }

    @Test
    void jsonAndYamlTwinsGiveTheSameTree() {
        List<String> problems = new ArrayList<>();
        int equal = 0;
        for (Twin twin : twins()) {
            Object json = parser.parse(twin.json(), twin.name() + ".json").root().toPlain();
            Object yaml = parser.parse(twin.yaml(), twin.name() + ".yaml").root().toPlain();
            Difference known = DIFFERENT.get(twin.name());
            boolean same = json.equals(yaml);
            if (known == null) {
                if (same) {
                    equal++;
                } else {
                    problems.add(twin.name() + ": trees differ");
                }
            } else if (same) {
                problems.add(twin.name() + ": listed as " + known + " but the trees are equal; remove it from the list");
            } else if (known != Difference.DIFFERENT_CONTENT && !new Leniency(known).equal(json, yaml)) {
                problems.add(twin.name() + ": differs by more than " + known);
            } else if (known == Difference.DIFFERENT_CONTENT
                    && (new Leniency(Difference.YAML_1_1_BOOLEAN).equal(json, yaml)
                    || new Leniency(Difference.NULL_VERSUS_EMPTY).equal(json, yaml))) {
                problems.add(twin.name() + ": listed as DIFFERENT_CONTENT but differs only in notation");
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(equal >= 90, "equal twins: " + equal);
    }

    /** Pairs {@code x.json} with {@code x.yaml} or {@code x.yml}; Rain sources are left out (they do not parse). */
    private static List<Twin> twins() {
        Path root = TestData.awsTemplates();
        List<Twin> out = new ArrayList<>();
        for (Path json : TestData.templates(root)) {
            String file = json.getFileName().toString();
            if (!file.endsWith(".json") || TestData.read(json).contains("Rain::")) {
                continue;
            }
            String base = file.substring(0, file.length() - ".json".length());
            for (String ext : List.of(".yaml", ".yml")) {
                Path yaml = json.resolveSibling(base + ext);
                if (Files.exists(yaml)) {
                    String rel = TestData.relative(root, json);
                    out.add(new Twin(rel.substring(0, rel.length() - ".json".length()), json, yaml));
                }
            }
        }
        assertEquals(125, out.size(), "JSON/YAML twins without Rain directives");
        return out;
    }

    /** Lines of the keys directly under the top-level {@code Resources:} of a block-style YAML file. */
    static Map<String, Integer> yamlResourceLines(List<String> lines) {
        Map<String, Integer> out = new LinkedHashMap<>();
        int i = 0;
        while (i < lines.size() && !YAML_RESOURCES.matcher(lines.get(i)).matches()) {
            i++;
        }
        int indent = -1;
        for (i++; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            if (!line.startsWith(" ")) {
                break;
            }
            Matcher m = YAML_KEY.matcher(line);
            int lineIndent = line.length() - line.stripLeading().length();
            if (indent < 0) {
                indent = lineIndent;
            }
            if (lineIndent == indent && m.matches()) {
                out.put(m.group(3), i + 1);
            }
        }
        return out;
    }

    /** Lines of the keys directly inside the outermost {@code "Resources": {} } of a pretty-printed JSON file. */
    static Map<String, Integer> jsonResourceLines(List<String> lines) {
        Map<String, Integer> out = new LinkedHashMap<>();
        int start = -1;
        int sectionIndent = Integer.MAX_VALUE;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = JSON_RESOURCES.matcher(lines.get(i));
            if (m.matches() && m.group(1).length() < sectionIndent) {
                sectionIndent = m.group(1).length();
                start = i;
            }
        }
        int indent = -1;
        for (int i = start + 1; start >= 0 && i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int lineIndent = line.length() - line.stripLeading().length();
            if (lineIndent <= sectionIndent) {
                break;
            }
            if (indent < 0) {
                indent = lineIndent;
            }
            Matcher m = JSON_KEY.matcher(line);
            if (lineIndent == indent && m.find()) {
                out.put(m.group(2), i + 1);
            }
        }
        return out;
    }

    private record Twin(String name, Path json, Path yaml) {
    }

    /** Tree equality that forgives exactly one kind of notation difference. */
    private record Leniency(Difference forgiven) {

        boolean equal(Object a, Object b) {
            if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
                return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> equal(x.get(k), y.get(k)));
            }
            if (a instanceof List<?> x && b instanceof List<?> y) {
                if (x.size() != y.size()) {
                    return false;
                }
                for (int i = 0; i < x.size(); i++) {
                    if (!equal(x.get(i), y.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            if (java.util.Objects.equals(a, b)) {
                return true;
            }
            return switch (forgiven) {
                case YAML_1_1_BOOLEAN -> a instanceof String s && b instanceof Boolean bool
                        && bool.equals(YamlScalars.resolvePlain(s));
                case NULL_VERSUS_EMPTY -> a == null && "".equals(b);
                case DIFFERENT_CONTENT -> false;
            };
        }
    }
}
