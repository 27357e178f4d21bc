package dev.portcullis.response.infra;

import dev.portcullis.response.config.ResponseConfig;
import java.util.Objects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;

/**
 * What the response stack is built from: the usual stack properties, the validated configuration, and the code of
 * its functions (the Lambda module's jar in the app; a stand-in asset in tests, which check the stack's shape).
 */
public record ResponseStackProps(StackProps stack, ResponseConfig config, Code functionCode) {

    public ResponseStackProps {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(functionCode, "functionCode");
    }
}
