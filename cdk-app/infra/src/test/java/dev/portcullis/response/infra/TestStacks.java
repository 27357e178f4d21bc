package dev.portcullis.response.infra;

import dev.portcullis.response.config.ResponseConfig;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * Builds response stacks for tests: the real stack with a stand-in Lambda jar (the tests check the stack's shape,
 * not the handlers, and must not depend on the Lambda module having been packaged).
 */
final class TestStacks {

    private TestStacks() {
    }

    /** With {@code nag}, cdk-nag's AwsSolutions pack runs as the app's aspect, as in ResponseApp. */
    static ResponseStack synth(ResponseConfig config, boolean nag) {
        Path out = outputDirectory();
        App app = new App(AppProps.builder().outdir(out.resolve("cdk.out").toString()).build());
        ResponseStack stack = new ResponseStack(app, ResponseApp.STACK_NAME, new ResponseStackProps(
                StackProps.builder().build(), config, standInBundle(out).code()));
        if (nag) {
            Aspects.of(app).add(new AwsSolutionsChecks());
        }
        return stack;
    }

    static Template template(ResponseConfig config) {
        return Template.fromStack(synth(config, false));
    }

    /** A jar with one entry: enough for the asset, and {@link LambdaBundle} accepts it. */
    static LambdaBundle standInBundle(Path directory) {
        Path jar = directory.resolve("stand-in-lambda.jar");
        try {
            Files.createDirectories(directory);
            if (!Files.exists(jar)) {
                try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
                    zip.putNextEntry(new ZipEntry("README"));
                    zip.write("stand-in for the Lambda module's jar in stack tests\n".getBytes());
                    zip.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LambdaBundle(jar);
    }

    static Path outputDirectory() {
        String configured = System.getProperty("portcullis.testOut");
        try {
            return configured != null ? Path.of(configured) : Files.createTempDirectory("portcullis-synth");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
