package dev.portcullis.response.infra;

import java.util.EnumMap;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The stack's Lambda functions, one per {@link ResponseFunction}, all from the one jar. Each has its own role
 * (granted only what its step needs, by the stack), its own log group, X-Ray tracing and SnapStart; workflows invoke
 * the {@value #ALIAS} alias, since SnapStart applies only to published versions.
 */
public final class ResponseFunctions extends Construct {

    /** The alias the workflows invoke; it follows the version published on every code or configuration change. */
    public static final String ALIAS = "live";

    /**
     * The newest Java runtime (SnapStart included). The jar is Java 17 bytecode, as the whole project is, and runs
     * unchanged on it; staying on the newest runtime keeps the functions off the deprecation path.
     */
    static final Runtime RUNTIME = Runtime.JAVA_25;

    private final Map<ResponseFunction, Function> functions = new EnumMap<>(ResponseFunction.class);
    private final Map<ResponseFunction, Alias> aliases = new EnumMap<>(ResponseFunction.class);

    public ResponseFunctions(Construct scope, String id, Code code, Map<String, String> environment) {
        super(scope, id);
        for (ResponseFunction spec : ResponseFunction.values()) {
            create(spec, code, environment);
        }
    }

    private void create(ResponseFunction spec, Code code, Map<String, String> environment) {
        String name = spec.logicalName();
        LogGroup logs = LogGroup.Builder.create(this, name + "Logs")
                .retention(RetentionDays.THREE_MONTHS)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        Role role = Role.Builder.create(this, name + "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Runs the Portcullis " + name + " function")
                .build();
        // Written to this function's own log group only (no AWSLambdaBasicExecutionRole and its logs:* on *).
        logs.grantWrite(role);
        Function.Builder builder = Function.Builder.create(this, name)
                .description(spec.description())
                .runtime(RUNTIME)
                .architecture(Architecture.ARM_64)
                .code(code)
                .handler(spec.handler())
                .memorySize(1024)
                .timeout(Duration.seconds(spec.timeoutSeconds()))
                .role(role)
                .logGroup(logs)
                .tracing(Tracing.ACTIVE)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(environment);
        if (spec == ResponseFunction.ENFORCE) {
            // The single writer: with one concurrent execution, two workflows never read-modify-write the same
            // rule group, IP set or NACL at once; Step Functions retries the throttled invocation.
            builder.reservedConcurrentExecutions(1);
        }
        Function function = builder.build();
        // The warning says SnapStart needs published versions: the live alias below publishes one per change.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "invoked only through the '" + ALIAS + "' alias of a published version");
        functions.put(spec, function);
        aliases.put(spec, Alias.Builder.create(this, name + "Live")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build());
    }

    /** The alias to invoke. */
    public IFunction live(ResponseFunction spec) {
        return aliases.get(spec);
    }

    public Function function(ResponseFunction spec) {
        return functions.get(spec);
    }

    public IRole role(ResponseFunction spec) {
        return functions.get(spec).getRole();
    }
}
