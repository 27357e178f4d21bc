package dev.portcullis.gate;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parameter values from the project configuration for the templates a glob matches. */
record TemplateParameters(PathGlob templates, Map<String, String> values) {

    TemplateParameters {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
