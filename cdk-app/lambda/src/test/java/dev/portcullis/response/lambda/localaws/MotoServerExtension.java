package dev.portcullis.response.lambda.localaws;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a running {@link MotoServer}: one process for the whole run (its start-up costs seconds), reset before
 * every test, stopped when the run ends. When moto_server is not on PATH the test class is skipped, saying so.
 */
public final class MotoServerExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MotoServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server(context).reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MotoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private static MotoServer server(ExtensionContext context) {
        Optional<Path> executable = MotoServer.executable();
        Assumptions.assumeTrue(executable.isPresent(),
                "moto_server is not on PATH: skipping tests against EC2/WAFv2/SNS/Security Hub (pip install 'moto[server]')");
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("server", key -> MotoServer.start(executable.get()), MotoServer.class);
    }
}
