package dev.portcullis.response.infra;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stack and the Lambda module agree on names without depending on each other at build time: every handler the
 * stack configures is a public class of the Lambda module, and every environment variable the stack writes is one
 * the module's LambdaEnvironment reads. A rename on either side fails here instead of at the first invocation.
 */
class LambdaContractTest {

    private static final Path LAMBDA_SOURCES = Path.of(System.getProperty("portcullis.root"),
            "cdk-app", "lambda", "src", "main", "java", "dev", "portcullis", "response", "lambda");

    @Test
    void everyConfiguredHandlerIsAPublicClassOfTheLambdaModule() throws Exception {
        for (ResponseFunction function : ResponseFunction.values()) {
            String simpleName = function.handlerClass().substring(ResponseFunction.HANDLER_PACKAGE.length() + 1);
            Path source = LAMBDA_SOURCES.resolve(simpleName + ".java");
            assertTrue(Files.isRegularFile(source), function + ": no handler class " + source);
            String text = Files.readString(source);
            assertTrue(text.contains("public final class " + simpleName) || text.contains("public class " + simpleName),
                    function + ": " + simpleName + " is not a public class");
        }
    }

    @Test
    void theAuditFunctionReadsWhatItsResponderWrites() throws Exception {
        String handler = AuditResponder.HANDLER.substring(0, AuditResponder.HANDLER.indexOf("::"));
        String simpleName = handler.substring(ResponseFunction.HANDLER_PACKAGE.length() + 1);
        assertTrue(Files.readString(LAMBDA_SOURCES.resolve(simpleName + ".java"))
                .contains("public final class " + simpleName));
        String environment = Files.readString(LAMBDA_SOURCES.resolve("AuditEnvironment.java"));
        assertTrue(environment.contains("\"" + AuditResponder.AUDIT_ROLE_ARN + "\""));
        assertTrue(environment.contains("\"" + AuditResponder.STACK_ROLE_ARNS + "\""));
    }

    @Test
    void everyVariableTheStackWritesIsOneTheFunctionsRead() throws Exception {
        String environment = Files.readString(LAMBDA_SOURCES.resolve("LambdaEnvironment.java"));
        for (String variable : List.of(FunctionEnvironment.CONFIG, FunctionEnvironment.BLOCKLIST_TABLE,
                FunctionEnvironment.RULE_GROUP_ARN, FunctionEnvironment.WAF_IPV4_SET, FunctionEnvironment.WAF_IPV6_SET,
                FunctionEnvironment.TOPIC_ARN, FunctionEnvironment.SLACK_WEBHOOK_SECRET)) {
            assertTrue(environment.contains("\"" + variable + "\""), variable + " is not read by LambdaEnvironment");
        }
    }
}
