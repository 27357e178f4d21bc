package dev.portcullis.gate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a stack artifact's construct metadata says about its resources: the construct path of each logical id
 * and, when the app was synthesized with stack traces, where in the user's source each construct was created.
 * Nested stacks' constructs are listed under their parent stack's artifact.
 */
final class ConstructSources {

    static final ConstructSources NONE = new ConstructSources(Map.of());

    private final Map<String, SourceFrame> sourceByPath = new HashMap<>();
    private final Map<String, List<String>> pathsByLogicalId = new HashMap<>();

    /** @param metadata entries by construct path, as in the manifest (paths with a leading slash) */
    ConstructSources(Map<String, List<AssemblyManifest.MetadataEntry>> metadata) {
        metadata.forEach((key, entries) -> {
            String path = key.startsWith("/") ? key.substring(1) : key;
            SourceFrame source = null;
            for (AssemblyManifest.MetadataEntry entry : entries == null ? List.<AssemblyManifest.MetadataEntry>of() : entries) {
                if (entry == null || entry.type() == null) {
                    continue;
                }
                if (entry.type().equals(AssemblyManifest.MetadataEntry.LOGICAL_ID)) {
                    if (entry.data() != null && entry.data().isTextual()) {
                        pathsByLogicalId.computeIfAbsent(entry.data().asText(), k -> new ArrayList<>()).add(path);
                    }
                    if (source == null) {
                        source = SourceFrame.firstUserFrame(entry.trace());
                    }
                } else if (entry.type().equals(AssemblyManifest.MetadataEntry.CREATION_STACK) && source == null) {
                    source = SourceFrame.firstUserFrame(frames(entry.data()));
                }
            }
            if (source != null) {
                sourceByPath.put(path, source);
            }
        });
    }

    /** Where the construct at {@code constructPath} (no leading slash) was created, or null when unknown. */
    SourceFrame source(String constructPath) {
        return constructPath == null ? null : sourceByPath.get(constructPath);
    }

    /**
     * The construct path of a logical id, for templates synthesized without {@code aws:cdk:path} resource metadata;
     * null when no construct or several (a nested stack may reuse a logical id of its parent) have it.
     */
    String pathOf(String logicalId) {
        List<String> paths = pathsByLogicalId.get(logicalId);
        return paths != null && paths.size() == 1 ? paths.get(0) : null;
    }

    private static List<String> frames(JsonNode data) {
        if (data == null || !data.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        data.forEach(n -> out.add(n.isTextual() ? n.asText() : null));
        return out;
    }
}
