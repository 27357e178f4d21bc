package dev.portcullis.checks.secrets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.portcullis.catalog.NoParams;
import dev.portcullis.catalog.RuleCheck;
import dev.portcullis.catalog.Violations;
import dev.portcullis.checks.values.Sources;
import dev.portcullis.checks.values.Verdicts;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.resolve.Value;

/**
 * {@code secrets.environment-variables}: an environment variable named like a secret ({@code DB_PASSWORD},
 * {@code API_KEY}, {@code AWS_SECRET_ACCESS_KEY}) whose value is written in the template: Lambda functions,
 * ECS and Batch containers, CodeBuild projects (plain-text variables only) and Elastic Beanstalk environments.
 * Such values are readable by anyone who can read the function or task configuration. Reports at the value;
 * message arguments {@code {variable}} and {@code {how}}.
 */
public final class EnvironmentSecrets implements RuleCheck<NoParams> {

    /** One variable: its name, its value and the value's path. */
    private record Variable(String name, Value value, String path) {
    }

    @Override
    public Class<NoParams> params() {
        return NoParams.class;
    }

    @Override
    public void evaluate(ResourceContext context, NoParams params, Violations out) {
        if (!(context.properties() instanceof Value.Struct props)) {
            return;
        }
        Sources sources = Sources.of(context);
        for (Variable v : variables(context.resource().type(), props)) {
            if (!SecretName.isSecret(v.name())) {
                continue;
            }
            SecretValue.Judgement j = SecretValue.judge(v.value(), sources);
            Map<String, String> args = new HashMap<>();
            args.put("variable", v.name());
            args.put("how", j.how() == null ? "" : j.how());
            Verdicts.report(out, j.exposed(), v.value(), v.path(), args,
                    "which value is used is not determined: " + j.how());
        }
    }

    private static List<Variable> variables(String type, Value.Struct props) {
        List<Variable> out = new ArrayList<>();
        switch (type) {
            case "AWS::Lambda::Function":
            case "AWS::Serverless::Function":
                if (props.get("Environment") instanceof Value.Struct env
                        && env.get("Variables") instanceof Value.Struct vars) {
                    for (Value.Field f : vars.fields()) {
                        out.add(new Variable(f.name(), f.value(), "Environment/Variables/" + f.name()));
                    }
                }
                break;
            case "AWS::ECS::TaskDefinition":
                if (props.get("ContainerDefinitions") instanceof Value.Seq containers) {
                    for (int i = 0; i < containers.items().size(); i++) {
                        if (containers.items().get(i) instanceof Value.Struct c) {
                            namedValues(c.get("Environment"), "ContainerDefinitions/" + i + "/Environment", out, false);
                        }
                    }
                }
                break;
            case "AWS::Batch::JobDefinition":
                if (props.get("ContainerProperties") instanceof Value.Struct c) {
                    namedValues(c.get("Environment"), "ContainerProperties/Environment", out, false);
                }
                break;
            case "AWS::CodeBuild::Project":
                if (props.get("Environment") instanceof Value.Struct env) {
                    namedValues(env.get("EnvironmentVariables"), "Environment/EnvironmentVariables", out, true);
                }
                break;
            case "AWS::ElasticBeanstalk::Environment":
            case "AWS::ElasticBeanstalk::ConfigurationTemplate":
                beanstalkOptions(props.get("OptionSettings"), out);
                break;
            default:
                break;
        }
        return out;
    }

    /** {@code [{Name, Value}]} lists; CodeBuild's also carry a {@code Type}, where only PLAINTEXT holds the value. */
    private static void namedValues(Value list, String path, List<Variable> out, boolean typed) {
        if (!(list instanceof Value.Seq seq)) {
            return;
        }
        for (int i = 0; i < seq.items().size(); i++) {
            if (seq.items().get(i) instanceof Value.Struct item && item.get("Name") instanceof Value.Scalar name
                    && item.get("Value") != null) {
                if (typed && item.get("Type") instanceof Value.Scalar t && !t.text().equalsIgnoreCase("PLAINTEXT")) {
                    continue;
                }
                out.add(new Variable(name.text(), item.get("Value"), path + "/" + i + "/Value"));
            }
        }
    }

    private static void beanstalkOptions(Value list, List<Variable> out) {
        if (!(list instanceof Value.Seq seq)) {
            return;
        }
        for (int i = 0; i < seq.items().size(); i++) {
            if (seq.items().get(i) instanceof Value.Struct item
                    && item.get("Namespace") instanceof Value.Scalar ns
                    && ns.text().equals("aws:elasticbeanstalk:application:environment")
                    && item.get("OptionName") instanceof Value.Scalar name && item.get("Value") != null) {
                out.add(new Variable(name.text(), item.get("Value"), "OptionSettings/" + i + "/Value"));
            }
        }
    }
}
