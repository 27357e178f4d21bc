package dev.portcullis.response.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The shaded jar of the Lambda module, which every function of the stack runs. The app is told where it is
 * (system property {@value #PROPERTY}, set by the infra pom from the Lambda module's build directory) instead of
 * guessing, and refuses to synthesize without it: a stack that deploys without its code would fail only at deploy.
 */
public record LambdaBundle(Path jar) {

    /** System property naming the jar; the {@code synth} profile of the infra pom sets it. */
    public static final String PROPERTY = "portcullis.lambdaJar";

    /** The command that builds the jar, run from {@code cdk-app/}; {@code cdk synth} runs it through cdk.json. */
    public static final String BUILD_COMMAND = "mvn -f ../pom.xml -B -q -pl cdk-app/lambda -am package -DskipTests";

    public LambdaBundle {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The Lambda bundle " + jar.toAbsolutePath().normalize()
                    + " does not exist. Build it from cdk-app/ with: " + BUILD_COMMAND
                    + " (or run `npx aws-cdk@2.1148.1 synth` there, which builds it first).");
        }
    }

    /** The bundle named by {@value #PROPERTY}; a clear error when the property is unset or the file is missing. */
    public static LambdaBundle fromSystemProperty() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("System property " + PROPERTY + " is not set: it must name the Lambda"
                    + " module's shaded jar. Run the app through cdk-app/cdk.json (`npx aws-cdk@2.1148.1 synth`),"
                    + " or build the jar with `" + BUILD_COMMAND + "` and pass -D" + PROPERTY + "=<path>.");
        }
        return new LambdaBundle(Path.of(configured));
    }

    /** The jar as a Lambda code asset (uploaded as is: a jar is a zip). */
    public Code code() {
        return Code.fromAsset(jar.toString());
    }
}
