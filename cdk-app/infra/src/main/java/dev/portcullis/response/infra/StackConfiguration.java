package dev.portcullis.response.infra;

import dev.portcullis.response.config.ConfigError;
import dev.portcullis.response.config.InvalidConfigException;
import dev.portcullis.response.config.ResponseConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.constructs.Node;

/**
 * Finds the response configuration in the CDK context: either inline under {@value #INLINE_KEY} (an object in
 * cdk.json, or JSON/YAML text given with {@code -c}), or in a YAML/JSON file named by {@value #FILE_KEY}; with
 * neither, the defaults. Both at once is refused, since silently preferring one would hide the other.
 */
public final class StackConfiguration {

    /** Context key holding the configuration object itself. */
    public static final String INLINE_KEY = "portcullis";
    /** Context key holding the path of a configuration file, relative to the directory cdk runs in. */
    public static final String FILE_KEY = "portcullis-config";

    private StackConfiguration() {
    }

    public static ResponseConfig from(Node node) {
        Object inline = node.tryGetContext(INLINE_KEY);
        Object file = node.tryGetContext(FILE_KEY);
        if (inline != null && file != null) {
            throw new InvalidConfigException("CDK context", List.of(new ConfigError(FILE_KEY,
                    "both '" + INLINE_KEY + "' and '" + FILE_KEY + "' are set; keep one")));
        }
        if (file != null) {
            return ResponseConfig.fromFile(Path.of(file.toString()));
        }
        if (inline instanceof Map<?, ?> map) {
            return ResponseConfig.fromMap(stringKeys(map));
        }
        if (inline instanceof String text) {
            return ResponseConfig.parse(text, "CDK context '" + INLINE_KEY + "'");
        }
        if (inline != null) {
            throw new InvalidConfigException("CDK context", List.of(new ConfigError(INLINE_KEY,
                    "must be an object of configuration keys, not " + inline.getClass().getSimpleName())));
        }
        return ResponseConfig.defaults();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> stringKeys(Map<?, ?> map) {
        // Context arrives from JSON, whose object keys are always strings.
        return (Map<String, ?>) map;
    }
}
