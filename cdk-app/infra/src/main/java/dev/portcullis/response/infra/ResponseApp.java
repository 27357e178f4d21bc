package dev.portcullis.response.infra;

import dev.portcullis.response.config.InvalidConfigException;
import dev.portcullis.response.config.ResponseConfig;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app ({@code cdk-app/cdk.json} runs it): reads the configuration from the context, finds the Lambda jar and
 * synthesizes the response stack, checked by cdk-nag's AwsSolutions rules on the way. A bad configuration or a
 * missing jar stops synthesis with a message saying what to fix.
 */
public final class ResponseApp {

    /** The stack's name, and the prefix of the names of its rule group and IP sets. */
    public static final String STACK_NAME = "PortcullisResponse";

    private ResponseApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        ResponseConfig config;
        LambdaBundle bundle;
        try {
            config = StackConfiguration.from(app.getNode());
            bundle = LambdaBundle.fromSystemProperty();
        } catch (InvalidConfigException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        new ResponseStack(app, STACK_NAME, new ResponseStackProps(StackProps.builder()
                .description("Portcullis response stack: blocks attacker IPs from GuardDuty and Security Hub findings")
                .build(), config, bundle.code()));
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        app.synth();
    }
}
