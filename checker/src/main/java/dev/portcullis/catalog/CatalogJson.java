package dev.portcullis.catalog;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The catalog's mapper for binding rule and pack trees (read by {@link YamlDocument}) and Java check parameters to
 * records. Strict, unlike the report mapper: an unknown field in a rule is a typo that would silently drop a
 * setting, so it is an error.
 */
final class CatalogJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private CatalogJson() {
    }
}
