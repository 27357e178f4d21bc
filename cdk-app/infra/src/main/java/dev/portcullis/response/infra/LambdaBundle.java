package dev.portcullis.response.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
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

    /**
     * Lambda's limit on a function's unpacked code (250 MiB). Every playbook adds SDK modules and the audit adds the
     * checker with its catalog and resource schemas, so the jar grows with each feature: past this it would synthesize
     * and fail only at deploy.
     */
    static final long UNPACKED_LIMIT_BYTES = 250L * 1024 * 1024;

    public LambdaBundle {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The Lambda bundle " + jar.toAbsolutePath().normalize()
                    + " does not exist. Build it from cdk-app/ with: " + BUILD_COMMAND
                    + " (or run `npx aws-cdk@2.1148.1 synth` there, which builds it first).");
        }
        requireUnpackedAtMost(jar, UNPACKED_LIMIT_BYTES);
    }

    /** Refuses a jar whose entries, unpacked, exceed {@code limit} bytes (sizes from the zip's central directory). */
    static void requireUnpackedAtMost(Path jar, long limit) {
        long unpacked = 0;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                unpacked += Math.max(0, entries.nextElement().getSize());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The Lambda bundle " + jar + " is not a readable jar", e);
        }
        if (unpacked > limit) {
            throw new IllegalStateException("The Lambda bundle " + jar.toAbsolutePath().normalize() + " unpacks to "
                    + unpacked + " bytes, more than Lambda's limit of " + limit + " bytes for a function's code.");
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
